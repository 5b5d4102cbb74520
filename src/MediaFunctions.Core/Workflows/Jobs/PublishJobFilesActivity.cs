using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Workflows.Cleanup;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Jobs;

/// <summary>
/// Publishes a job's stored files: each of ours gets its link (a SAS that expires with the link lifetime, or for a
/// persistent job a stable link), and the deletion of files that are not persistent is scheduled for when their
/// links expire. Files in the caller's own storage are theirs: they keep the links they came back with.
/// Idempotent: a retry issues new links, and the cleanup's fixed id starts it once.
/// </summary>
public sealed class PublishJobFilesActivity(JobOutputPublisher publisher, JobCleanupScheduler cleanups, JobStepGuard guard)
    : Activity<JobFilesToPublish, IReadOnlyList<JobOutput>>
{
    public override Task<IReadOnlyList<JobOutput>> RunAsync(ActivityContext context, JobFilesToPublish files, CancellationToken cancellationToken) =>
        guard.RunAsync(context, files.KeyId, files.JobId, files.Storage, async token =>
        {
            if (files.Storage is not null)
            {
                return files.Files;
            }

            var published = await publisher.LinkAsync(files.Files, files.Persistent, token);
            if (!files.Persistent)
            {
                await cleanups.ScheduleAsync(new JobCleanup(files.KeyId, files.JobId, published.Max(output => output.ExpiresAt!.Value)), token);
            }

            return published;
        }, cancellationToken);
}
