using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows;

/// <summary>
/// Calls of activities whose effect serves somebody besides the orchestration (a webhook scheduled, a credential
/// key dropped): retried like storage calls, and when they still fail (storage down past every retry), that effect
/// is lost, never the orchestration's own end.
/// </summary>
public static class BestEffortActivityCalls
{
    /// <summary>Calls <paramref name="activity"/> with <see cref="RetryPolicies.Storage"/>, and goes on whether it succeeded or not.</summary>
    public static async Task CallBestEffortAsync(this IOrchestrationContext context, string activity, object input)
    {
        try
        {
            await context.CallActivityAsync(activity, input, RetryPolicies.Storage);
        }
        catch (TaskFailedException)
        {
            // NOTE: lost with the failure: a webhook never scheduled, or a key that outlives its job.
        }
    }
}
