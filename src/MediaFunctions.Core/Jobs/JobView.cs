using MediaFunctions.Core.Media.ExtractAudio;
using MediaFunctions.Core.Workflows.ExtractAudio;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Jobs;

/// <summary>A job as its owner sees it, read from its orchestration.</summary>
public sealed record JobView(
    string Id,
    string Kind,
    JobState State,
    string Stage,
    int Progress,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Persistent,
    ExtractAudioRequest Request,
    IReadOnlyList<JobOutput> Outputs,
    JobError? Error)
{
    /// <summary>Reads a job orchestration's metadata (with inputs and outputs).</summary>
    public static JobView From(OrchestrationMetadata metadata)
    {
        var job = metadata.ReadInputAs<ExtractAudioJob>()!;
        var state = JobStates.FromRuntimeStatus(metadata.RuntimeStatus);
        var progress = metadata.ReadCustomStatusAs<JobProgress>() ?? new JobProgress(JobStage.Queued, 0);
        var outputs = state == JobState.Completed ? metadata.ReadOutputAs<JobResult>()?.Outputs ?? [] : [];
        var error = state switch
        {
            JobState.Failed => metadata.FailureDetails is { } failure ? JobError.From(failure) : new JobError("job_failed", "The job failed."),
            JobState.Cancelled => new JobError("cancelled", metadata.ReadOutputAs<string>() ?? "The job was cancelled."),
            _ => null,
        };
        return new JobView(metadata.InstanceId, JobKind.ExtractAudio, state,
            state == JobState.Completed ? JobStage.Completed : progress.Stage,
            state == JobState.Completed ? 100 : progress.Progress,
            metadata.CreatedAt, metadata.LastUpdatedAt, job.Persistent, job.Request, outputs, error);
    }
}
