using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Core.Batches;

/// <summary>The job of a batch item that has not started: it has an id from the start, but no orchestration yet.</summary>
public static class BatchItemJobs
{
    /// <summary>The stage of a job whose batch waits to be started.</summary>
    public const string PausedStage = "paused";

    /// <summary>
    /// The item's job as it stands before it starts: pending (paused while its batch is), or cancelled when
    /// the batch ended without starting it.
    /// </summary>
    public static JobView NotStarted(BatchManifest manifest, BatchJobTemplate template, BatchItem item, BatchState batchState)
    {
        var ended = batchState is BatchState.Cancelled or BatchState.Failed or BatchState.Completed or BatchState.Finished;
        return new JobView(item.JobId!, template.Kind, ended ? JobState.Cancelled : JobState.Pending,
            batchState == BatchState.Paused ? PausedStage : JobStage.Queued, 0, manifest.CreatedAt, manifest.CreatedAt, template.Persistent, template.RequestFor(item), [],
            ended ? new JobError("cancelled", "The batch ended before this job started.") : null, item.Url, BatchId: manifest.BatchId);
    }
}
