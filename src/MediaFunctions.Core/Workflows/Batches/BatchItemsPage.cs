namespace MediaFunctions.Core.Workflows.Batches;

/// <summary>Which items of a batch's manifest <see cref="ReadBatchItemsActivity"/> reads.</summary>
public sealed record BatchItemsPage(string KeyId, string BatchId, int Offset, int Count);
