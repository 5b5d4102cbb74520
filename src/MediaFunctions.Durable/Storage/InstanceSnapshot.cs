using MediaFunctions.Durable.History;

namespace MediaFunctions.Durable.Storage;

/// <summary>Everything needed to run the next step of an instance: its state, its current execution's history, its inbox.</summary>
public sealed record InstanceSnapshot(InstanceState State, IReadOnlyList<HistoryEvent> History, IReadOnlyList<InboxMessage> Inbox);
