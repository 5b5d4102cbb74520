using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Deletion;

/// <summary>Forgets a stopped job: its instance and the instances it started leave the store, their history with them. Idempotent.</summary>
public sealed class PurgeJobActivity(IOrchestrationClient orchestrations) : Activity<string, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, string jobId, CancellationToken cancellationToken)
    {
        foreach (var instanceId in JobDeletion.HelperInstanceIdsOf(jobId).Append(jobId))
        {
            await orchestrations.PurgeInstanceAsync(instanceId, cancellationToken);
        }

        return true;
    }
}
