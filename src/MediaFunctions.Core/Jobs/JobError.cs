using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media;
using MediaFunctions.Core.Sources;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Jobs;

/// <summary>Why a job failed, in the error envelope's terms.</summary>
public sealed record JobError(string Code, string Message)
{
    /// <summary>Turns the failure of a job orchestration into what the user is told.</summary>
    public static JobError From(TaskFailureDetails failure)
    {
        // The orchestrator's failure wraps the activity's: the innermost one says what went wrong.
        var cause = failure;
        while (cause.InnerFailure is { } inner)
        {
            cause = inner;
        }

        return cause.ErrorType switch
        {
            var type when type == typeof(MediaPlanException).FullName => new("invalid_media", cause.ErrorMessage),
            var type when type == typeof(MediaProbeException).FullName => new("invalid_media", cause.ErrorMessage),
            var type when type == typeof(FfmpegException).FullName => new("processing_failed", cause.ErrorMessage),
            var type when type == typeof(SourceTooLargeException).FullName => new(SourceTooLargeException.Code, cause.ErrorMessage),
            // From the relay: a redirect or a name that led to an address sources may not use.
            var type when type == typeof(InvalidJobInputException).FullName => new("invalid_source", cause.ErrorMessage),
            var type when type == typeof(JobRefusedException).FullName => JobRefusedException.ErrorOf(cause.ErrorMessage),
            var type when type == typeof(Workflows.Download.StreamNotStartedException).FullName => new(Workflows.Download.StreamNotStartedException.Code, cause.ErrorMessage),
            _ => new("job_failed", cause.ErrorMessage),
        };
    }
}
