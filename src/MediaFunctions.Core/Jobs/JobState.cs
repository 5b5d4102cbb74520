using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Jobs;

/// <summary>What a user sees of a job's lifecycle.</summary>
public enum JobState
{
    Pending,
    InProgress,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>The one place that decides a job's state from its orchestration.</summary>
public static class JobStates
{
    /// <summary>The wire name, as the dialects print it.</summary>
    public static string ToWire(this JobState state) => state switch
    {
        JobState.Pending => "pending",
        JobState.InProgress => "in_progress",
        JobState.Completed => "completed",
        JobState.Failed => "failed",
        JobState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    /// <summary>Maps the orchestration's runtime status to the job's state.</summary>
    public static JobState FromRuntimeStatus(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => JobState.Pending,
        OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended or OrchestrationRuntimeStatus.ContinuedAsNew => JobState.InProgress,
        OrchestrationRuntimeStatus.Completed => JobState.Completed,
        OrchestrationRuntimeStatus.Failed => JobState.Failed,
        OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled => JobState.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
