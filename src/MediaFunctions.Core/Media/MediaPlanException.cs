using System.Globalization;

namespace MediaFunctions.Core.Media;

/// <summary>
/// Thrown by a planner when a valid request cannot be carried out on this input (no audio, start past the
/// end). The message is fit to show a user; the code is stable for clients.
/// </summary>
public sealed class MediaPlanException : Exception
{
    public MediaPlanException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>A stable, snake_case error code, e.g. <c>no_audio_stream</c>.</summary>
    public string Code { get; }

    internal static MediaPlanException NoAudioStream() =>
        new("no_audio_stream", "The video has no audio stream.");

    internal static MediaPlanException StartPastEnd(TimeSpan start, TimeSpan mediaDuration) =>
        new("start_past_end", string.Create(CultureInfo.InvariantCulture,
            $"start_time ({start.TotalSeconds:0.###} s) is at or past the end of the media ({mediaDuration.TotalSeconds:0.###} s)."));

    internal static MediaPlanException ChapterPastEnd(TimeSpan start, TimeSpan mediaDuration) =>
        new("chapter_past_end", string.Create(CultureInfo.InvariantCulture,
            $"A chapter starts at {start.TotalSeconds:0.###} s, at or past the end of the media ({mediaDuration.TotalSeconds:0.###} s)."));

    internal static MediaPlanException VideoContainerUnsupported(string ending) =>
        new("video_container_unsupported", $"A video output cannot be written as '{ending}'; its ending must be one of: {Production.Rendering.ProductionFormats.VideoEndings}.");

    internal static MediaPlanException NoVideoStream() =>
        new("no_video_stream", "A video output needs a main input with a video stream.");

    internal static MediaPlanException SplitOnChaptersUnsupported(string format) =>
        new("split_on_chapters_unsupported", $"split_on_chapters works for audio formats, not for {format}.");
}
