namespace MediaFunctions.Orchestration;

/// <summary>One recorded step of an instance, as the instance API shows it with <c>showHistory</c>.</summary>
public sealed record OrchestrationHistoryEvent(string EventType, DateTimeOffset Timestamp)
{
    /// <summary>Activity, child orchestration or event name.</summary>
    public string? Name { get; init; }
    /// <summary>The id linking a scheduled task to its completion.</summary>
    public int? TaskId { get; init; }
    public string? Input { get; init; }
    public string? Result { get; init; }
    public TaskFailureDetails? FailureDetails { get; init; }
    public DateTime? FireAt { get; init; }
}
