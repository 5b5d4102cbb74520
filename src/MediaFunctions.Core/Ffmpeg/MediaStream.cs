namespace MediaFunctions.Core.Ffmpeg;

/// <summary>One stream of a probed media file, as ffprobe reports it.</summary>
public sealed record MediaStream
{
    /// <summary>The stream's index in the file (what <c>-map 0:{Index}</c> selects).</summary>
    public required int Index { get; init; }

    public required MediaStreamKind Kind { get; init; }

    /// <summary>ffmpeg's codec name, e.g. <c>aac</c>, <c>mp3</c>, <c>h264</c>.</summary>
    public string? CodecName { get; init; }

    /// <summary>The codec profile, e.g. <c>LC</c> or <c>HE-AAC</c> for AAC.</summary>
    public string? Profile { get; init; }

    public int? SampleRate { get; init; }

    public int? Channels { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    /// <summary>Bits per second, when the container states it.</summary>
    public long? BitRate { get; init; }

    public TimeSpan? Duration { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The disposition flags that are set, e.g. <c>default</c>, <c>attached_pic</c>.</summary>
    public IReadOnlyList<string> Disposition { get; init; } = [];

    public bool IsDefault => Disposition.Contains("default");

    /// <summary>True for cover art stored as a video stream.</summary>
    public bool IsAttachedPicture => Disposition.Contains("attached_pic");
}
