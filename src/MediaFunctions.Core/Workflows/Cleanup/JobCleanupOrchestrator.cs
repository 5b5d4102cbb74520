using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Cleanup;

/// <summary>Waits until a job's links have expired, then deletes its files.</summary>
public sealed class JobCleanupOrchestrator : Orchestrator<JobCleanup, bool>
{
    public override async Task<bool> RunAsync(IOrchestrationContext context, JobCleanup cleanup)
    {
        await context.CreateTimer(cleanup.DeleteAt.UtcDateTime);
        await context.CallActivityAsync(nameof(DeleteJobFilesActivity), cleanup, RetryPolicies.Storage);
        return true;
    }
}
