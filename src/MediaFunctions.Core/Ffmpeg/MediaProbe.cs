using System.Text.Json.Serialization;

namespace MediaFunctions.Core.Ffmpeg;

/// <summary>What ffprobe found in a media file or URL. Made only by <see cref="MediaProber"/>.</summary>
public sealed record MediaProbe
{
    /// <summary>The demuxer's names, e.g. <c>mov, mp4, m4a, 3gp, 3g2, mj2</c>.</summary>
    public required IReadOnlyList<string> FormatNames { get; init; }

    public string? FormatLongName { get; init; }

    public TimeSpan? Duration { get; init; }

    /// <summary>Size in bytes, when known.</summary>
    public long? Size { get; init; }

    /// <summary>Overall bits per second, when known.</summary>
    public long? BitRate { get; init; }

    public required IReadOnlyList<MediaStream> Streams { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// True for an MP3 whose first frame counts its frames (<see cref="Mp3FrameCountTag"/>): ffmpeg then needs one packet
    /// of it to know its streams, not the 50 it otherwise reads waiting for a timestamp MP3 never carries (11 KB of a
    /// 64 kbit/s podcast, against the 80 KB a 10 s clip needs). Set by whoever checked the tag.
    /// </summary>
    public bool FrameCountInHeader { get; init; }

    /// <summary>The options to open the probed input with: one packet's analysis when <see cref="FrameCountInHeader"/>, else none.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> AnalysisArguments => FrameCountInHeader ? OnePacketAnalysisArguments : [];

    /// <summary>ffmpeg's options to analyse an input from its first packet.</summary>
    public static IReadOnlyList<string> OnePacketAnalysisArguments { get; } = ["-max_ts_probe", "1"];

    [JsonIgnore]
    public IEnumerable<MediaStream> AudioStreams => Streams.Where(stream => stream.Kind == MediaStreamKind.Audio);

    /// <summary>Video streams that are moving pictures, not cover art.</summary>
    [JsonIgnore]
    public IEnumerable<MediaStream> VideoStreams =>
        Streams.Where(stream => stream.Kind == MediaStreamKind.Video && !stream.IsAttachedPicture);

    /// <summary>The audio stream ffmpeg would pick: the first marked default, else the first.</summary>
    [JsonIgnore]
    public MediaStream? PrimaryAudioStream =>
        AudioStreams.FirstOrDefault(stream => stream.IsDefault) ?? AudioStreams.FirstOrDefault();
}
