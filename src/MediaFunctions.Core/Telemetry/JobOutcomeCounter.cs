using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Telemetry;

/// <summary>
/// Wraps a job's orchestrator to count how it ended (<see cref="MediaFunctionsMetrics.JobEnded"/>), on either engine:
/// the orchestrator's own code is left deterministic and free of services. Counted only when the end is not a replay,
/// as a replay-safe logger logs, so each ending counts once.
/// </summary>
/// <remarks>NOTE: an engine that fails to commit the final step runs it again and counts it twice; that is rare, and a counter can bear it.</remarks>
internal sealed class JobOutcomeCounter(IOrchestrator orchestrator, string kind, MediaFunctionsMetrics metrics) : IOrchestrator
{
    public async Task<object?> RunAsync(IOrchestrationContext context)
    {
        object? output;
        try
        {
            output = await orchestrator.RunAsync(context);
        }
        catch (Exception exception) when (!context.IsReplaying && exception is not OperationCanceledException)
        {
            metrics.JobEnded(kind, succeeded: false);
            throw;
        }

        if (!context.IsReplaying)
        {
            metrics.JobEnded(kind, succeeded: true);
        }

        return output;
    }
}
