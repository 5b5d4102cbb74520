namespace MediaFunctions.Core.Media.ExtractAudio;

/// <summary>What ffmpeg opens for an extraction.</summary>
/// <param name="Location">A local path or a URL ffmpeg can open.</param>
/// <param name="Arguments">Options for opening it, put before <c>-i</c> (a relay URL's protocol whitelist).</param>
/// <param name="AudioIndex">
/// The index of the probe's primary audio stream in this input, when it is not the probed file itself
/// but a copy of its audio streams (<see cref="AudioTrack.AudioTrackSplitter"/>).
/// </param>
public sealed record ExtractAudioInput(string Location, IReadOnlyList<string>? Arguments = null, int? AudioIndex = null)
{
    /// <summary>A local path or URL opened as it is.</summary>
    public static implicit operator ExtractAudioInput(string location) => new(location);
}
