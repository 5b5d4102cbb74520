using MediaFunctions.Core.Workflows.Cleanup;
using MediaFunctions.Core.Workflows.Download;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Deletion;

/// <summary>
/// Deletes a job durably, in the background of the request that asked: stop the job and the instances it
/// started, drop the caller's storage credentials, delete its files, then forget every instance. Each step is
/// idempotent and retried alone, so a host that dies halfway leaves a deletion that finishes on the next.
/// </summary>
public sealed class JobDeletionOrchestrator : Orchestrator<JobDeletion, bool>
{
    public override async Task<bool> RunAsync(IOrchestrationContext context, JobDeletion deletion)
    {
        await context.CallActivityAsync(nameof(StopJobActivity), deletion.JobId, RetryPolicies.Storage);
        if (deletion.Storage is { } storage)
        {
            await context.CallActivityAsync(nameof(ForgetInlineStorageActivity), storage, RetryPolicies.Storage);
        }

        await context.CallActivityAsync(nameof(DeleteJobFilesActivity), new JobCleanup(deletion.KeyId, deletion.JobId, context.CurrentUtcDateTime),
            RetryPolicies.Storage);
        await context.CallActivityAsync(nameof(PurgeJobActivity), deletion.JobId, RetryPolicies.Storage);
        return true;
    }
}
