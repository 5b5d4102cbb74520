using MediaFunctions.Durable.History;

namespace MediaFunctions.Durable.Storage;

/// <summary>
/// The result of one step, written atomically: the new state (checked against
/// <see cref="ExpectedETag"/>), the events appended to history, and the inbox messages consumed.
/// </summary>
public sealed record InstanceCommit
{
    public required InstanceState State { get; init; }
    public required string ExpectedETag { get; init; }
    /// <summary>Appended after the current execution's <see cref="InstanceState.HistoryCount"/> events of the expected state.</summary>
    public required IReadOnlyList<HistoryEvent> NewEvents { get; init; }
    public IReadOnlyList<string> ConsumedMessageIds { get; init; } = [];
    /// <summary>True when <see cref="State"/> starts a new execution (ContinueAsNew): the old execution's history is dropped.</summary>
    public bool StartsNewExecution { get; init; }
}
