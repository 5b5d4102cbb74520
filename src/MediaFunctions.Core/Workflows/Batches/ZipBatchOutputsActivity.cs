using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Workflows.Cleanup;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Batches;

/// <summary>Which batch's kept files to zip, and whether its zip is kept behind a stable link.</summary>
public sealed record BatchZipping(string KeyId, string BatchId, bool Persistent);

/// <summary>
/// Writes a finished batch's zip from the files its completed items kept (<see cref="BatchZipFiles.WriteZipAsync"/>)
/// and links it as a job's file is linked: a persistent batch's for good, any other's until its link expires, when
/// its cleanup deletes it. Null when no item kept a file.
/// </summary>
public sealed class ZipBatchOutputsActivity(BatchZipFiles zips, JobOutputPublisher publisher, JobCleanupScheduler cleanups)
    : Activity<BatchZipping, JobOutput?>
{
    public override async Task<JobOutput?> RunAsync(ActivityContext context, BatchZipping zipping, CancellationToken cancellationToken)
    {
        if (await zips.WriteZipAsync(zipping.KeyId, zipping.BatchId, zipping.Persistent, cancellationToken) is not { } zip)
        {
            return null;
        }

        var linked = (await publisher.LinkAsync([zip], zipping.Persistent, cancellationToken))[0];
        if (!zipping.Persistent)
        {
            await cleanups.ScheduleAsync(new JobCleanup(zipping.KeyId, zipping.BatchId, linked.ExpiresAt!.Value), cancellationToken);
        }

        return linked;
    }
}
