using MediaFunctions.Api.Auphonic;
using MediaFunctions.Api.Batches;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Productions;
using MediaFunctions.Core.Productions.Records;

namespace MediaFunctions.Api.Events;

/// <summary>
/// The snapshot of each streamed resource: its GET body, whether it has ended, and a version from its updated-at ticks and
/// progress, which grow with every change its GET shows (a batch's from the latest change of the batch or any of its jobs).
/// </summary>
public static class ResourceSnapshots
{
    /// <summary>A job: ended once completed, failed or cancelled.</summary>
    public static ResourceSnapshot Of(JobView job, Uri apiBaseUrl) =>
        new($"{job.UpdatedAt.UtcTicks}-{job.Progress}", job.State is JobState.Completed or JobState.Failed or JobState.Cancelled,
            JobResponse.From(job, apiBaseUrl));

    /// <summary>A batch: ended once completed, finished, cancelled or failed.</summary>
    public static ResourceSnapshot Of(BatchView batch, Uri apiBaseUrl)
    {
        var updated = batch.Items.Select(item => item.Job?.UpdatedAt ?? batch.UpdatedAt).Append(batch.UpdatedAt).Max();
        return new($"{updated.UtcTicks}-{batch.Progress}",
            batch.State is BatchState.Completed or BatchState.Finished or BatchState.Cancelled or BatchState.Failed,
            BatchResponse.From(batch, apiBaseUrl));
    }

    /// <summary>A production: ended once its status is Done or Error.</summary>
    public static ResourceSnapshot Of(Production production, AuphonicResponse body) =>
        new($"{production.UpdatedAt.UtcTicks}-{production.Status}", production.Status is ProductionStatus.Done or ProductionStatus.Error, body);
}
