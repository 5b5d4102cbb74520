namespace MediaFunctions.Core.Ffmpeg;

/// <summary>
/// Thrown when an input cannot be read as media (not media, corrupt, truncated, unreachable). The message
/// is fit to show a user; it never contains the input's path or URL.
/// </summary>
public sealed class MediaProbeException : Exception
{
    public MediaProbeException(string message, string? probeError)
        : base(message)
    {
        ProbeError = probeError;
    }

    /// <summary>What ffprobe said, with the input's name removed.</summary>
    public string? ProbeError { get; }

    internal static MediaProbeException NotMedia(string? probeError) =>
        new(string.IsNullOrWhiteSpace(probeError)
            ? "The file is not a media file ffmpeg can read."
            : $"The file is not a media file ffmpeg can read: {probeError}", probeError);

    internal static MediaProbeException NoStreams() =>
        new("The file is not a media file ffmpeg can read: it holds no audio, video or subtitle streams.", null);
}
