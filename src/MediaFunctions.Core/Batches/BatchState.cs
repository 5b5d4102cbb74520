using MediaFunctions.Core.Workflows.Batches;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Batches;

/// <summary>Where a batch is: waiting to be started, running its items, or ended.</summary>
public enum BatchState
{
    /// <summary>Created paused: its jobs wait for a start.</summary>
    Paused,

    /// <summary>Its jobs are running or queued.</summary>
    Processing,

    /// <summary>Every item completed.</summary>
    Completed,

    /// <summary>Every item ended, and some did not complete.</summary>
    Finished,

    /// <summary>Cancelled before every item ended.</summary>
    Cancelled,

    /// <summary>The batch itself broke (not one of its items).</summary>
    Failed,
}

/// <summary>Wire names and the state of a batch orchestration.</summary>
public static class BatchStates
{
    public static string ToWire(this BatchState state) => state switch
    {
        BatchState.Paused => "paused",
        BatchState.Processing => "processing",
        BatchState.Completed => "completed",
        BatchState.Finished => "finished",
        BatchState.Cancelled => "cancelled",
        BatchState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    /// <summary>The state of a batch whose orchestration is as <paramref name="metadata"/> says.</summary>
    public static BatchState Of(OrchestrationMetadata metadata) => metadata.RuntimeStatus switch
    {
        OrchestrationRuntimeStatus.Completed => metadata.ReadOutputAs<BatchSummary>() is { Completed: var completed, Total: var total } && completed == total
            ? BatchState.Completed
            : BatchState.Finished,
        OrchestrationRuntimeStatus.Failed => BatchState.Failed,
        OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled => BatchState.Cancelled,
        // Before its first step there is no custom status yet: a batch created paused is paused from the start.
        _ => (metadata.ReadCustomStatusAs<BatchProgress>()?.State ?? (metadata.ReadInputAs<BatchRun>() is { Paused: true } ? BatchProgress.PausedState : null))
            == BatchProgress.PausedState ? BatchState.Paused : BatchState.Processing,
    };
}
