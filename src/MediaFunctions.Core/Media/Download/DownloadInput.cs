using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Core.Media.Download;

/// <summary>One input ffmpeg opens: a URL (or file) with what its probe found and the options it is opened with.</summary>
/// <param name="Arguments">Input options placed before <c>-i</c>, e.g. the source relay's.</param>
public sealed record DownloadInput(string Location, MediaProbe Probe, IReadOnlyList<string>? Arguments = null)
{
    /// <summary>True for an HLS stream that has no end yet.</summary>
    public bool IsLiveStream => IsLive(Probe);

    /// <summary>True when the probe is of an HLS stream that has no end yet (ffmpeg's probe gives it no duration).</summary>
    public static bool IsLive(MediaProbe probe) => probe.Duration is null && probe.FormatNames.Contains("hls");
}
