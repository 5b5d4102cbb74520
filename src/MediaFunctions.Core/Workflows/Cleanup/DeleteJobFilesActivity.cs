using MediaFunctions.Core.Storage;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Cleanup;

/// <summary>Deletes every blob of a job: its input, its scratch files and its outputs.</summary>
public sealed class DeleteJobFilesActivity(JobFiles files) : Activity<JobCleanup, int>
{
    public override Task<int> RunAsync(ActivityContext context, JobCleanup cleanup, CancellationToken cancellationToken) =>
        files.DeleteAllAsync(cleanup.KeyId, cleanup.JobId, cancellationToken);
}
