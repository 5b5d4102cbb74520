using MediaFunctions.Durable.History;

namespace MediaFunctions.Durable.Storage;

/// <summary>A message waiting for an instance: a start, a raised event, a child's result, or a control request.</summary>
/// <param name="Id">Store-assigned; ids sort in arrival order.</param>
public sealed record InboxMessage(string Id, HistoryEvent Event);
