using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Cleanup;

/// <summary>
/// Starts the durable timer that deletes a job's files once their links have expired, as an
/// orchestration of its own so the job itself can finish now. Idempotent: the id is fixed.
/// </summary>
public sealed class JobCleanupScheduler(IOrchestrationClient orchestrations)
{
    public async Task ScheduleAsync(JobCleanup cleanup, CancellationToken cancellationToken = default)
    {
        try
        {
            await orchestrations.ScheduleNewOrchestrationInstanceAsync(nameof(JobCleanupOrchestrator), cleanup,
                new StartOrchestrationOptions(JobCleanup.InstanceIdFor(cleanup.JobId)), cancellationToken);
        }
        catch (InstanceExistsException)
        {
            // A retried render scheduled it already.
        }
    }
}
