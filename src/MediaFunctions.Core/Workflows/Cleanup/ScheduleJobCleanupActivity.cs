using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Cleanup;

/// <summary>
/// Starts the durable timer that deletes a job's files once their links have expired, as an
/// orchestration of its own so the job itself can finish now. Idempotent: the id is fixed.
/// </summary>
public sealed class ScheduleJobCleanupActivity(IOrchestrationClient orchestrations) : Activity<JobCleanup, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, JobCleanup cleanup, CancellationToken cancellationToken)
    {
        try
        {
            await orchestrations.ScheduleNewOrchestrationInstanceAsync(nameof(JobCleanupOrchestrator), cleanup,
                new StartOrchestrationOptions(JobCleanup.InstanceIdFor(cleanup.JobId)), cancellationToken);
            return true;
        }
        catch (InstanceExistsException)
        {
            return false;
        }
    }
}
