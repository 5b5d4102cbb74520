using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Workflows.Batches;
using MediaFunctions.Core.Workflows.Download;
using MediaFunctions.Core.Workflows.ExtractAudio;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Jobs;

/// <summary>A job as its owner sees it, read from its orchestration.</summary>
/// <param name="Kind">A <see cref="JobKind"/>.</param>
/// <param name="Request">The job's options as given: an <see cref="Media.ExtractAudio.ExtractAudioRequest"/> or a <see cref="DownloadRequest"/>.</param>
/// <param name="SourceUrl">The URL the job reads, when it reads one.</param>
/// <param name="Corrections">What a download changed of its request so the output could be written.</param>
/// <param name="BatchId">The batch the job is an item of, if any.</param>
public sealed record JobView(
    string Id,
    string Kind,
    JobState State,
    string Stage,
    int Progress,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Persistent,
    object Request,
    IReadOnlyList<JobOutput> Outputs,
    JobError? Error,
    string? SourceUrl = null,
    IReadOnlyList<DownloadCorrection>? Corrections = null,
    string? BatchId = null)
{
    /// <summary>Reads a job orchestration's metadata (with inputs and outputs).</summary>
    public static JobView From(OrchestrationMetadata metadata)
    {
        var state = JobStates.FromRuntimeStatus(metadata.RuntimeStatus);
        var progress = metadata.ReadCustomStatusAs<JobProgress>() ?? new JobProgress(JobStage.Queued, 0);
        var outputs = state == JobState.Completed ? metadata.ReadOutputAs<JobResult>()?.Outputs ?? [] : [];
        var error = state switch
        {
            JobState.Failed => metadata.FailureDetails is { } failure ? JobError.From(failure) : new JobError("job_failed", "The job failed."),
            JobState.Cancelled => new JobError("cancelled", metadata.ReadOutputAs<string>() ?? "The job was cancelled."),
            _ => null,
        };

        JobView View(string kind, bool persistent, object request, string? sourceUrl = null, IReadOnlyList<DownloadCorrection>? corrections = null,
            string? batchId = null) =>
            new(metadata.InstanceId, kind, state,
                state == JobState.Completed ? JobStage.Completed : progress.Stage,
                state == JobState.Completed ? 100 : progress.Progress,
                metadata.CreatedAt, metadata.LastUpdatedAt, persistent, request, outputs, error, sourceUrl, corrections, batchId);

        if (metadata.Name == nameof(BatchItemOrchestrator))
        {
            var item = metadata.ReadInputAs<BatchItemJob>()!;
            var template = item.Template;
            // Known once the item was prepared: a completed item carries them in its result (a cancelled one's output is the reason).
            var corrections = template.Download is { } asked
                ? (state == JobState.Completed ? metadata.ReadOutputAs<JobResult>()?.Corrections : null) ?? DownloadSettings.Resolve(asked).Corrections
                : null;
            return View(template.Kind, template.Persistent, template.RequestFor(item.Item), item.Item.Url, corrections, item.BatchId);
        }

        if (metadata.Name == nameof(DownloadOrchestrator))
        {
            var download = metadata.ReadInputAs<DownloadJob>()!;
            return View(JobKind.Download, download.Persistent, download.Request, download.Url, download.Corrections);
        }

        var job = metadata.ReadInputAs<ExtractAudioJob>()!;
        return View(JobKind.ExtractAudio, job.Persistent, job.Request);
    }
}
