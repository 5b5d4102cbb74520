using MediaFunctions.Core.Batches;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Batches;

/// <summary>Reads a page of a batch's items from its manifest, renames included, when the batch is about to start them.</summary>
public sealed class ReadBatchItemsActivity(BatchManifestStore manifests) : Activity<BatchItemsPage, IReadOnlyList<BatchItem>>
{
    public override async Task<IReadOnlyList<BatchItem>> RunAsync(ActivityContext context, BatchItemsPage page, CancellationToken cancellationToken)
    {
        var manifest = await manifests.GetAsync(page.KeyId, page.BatchId, cancellationToken)
            ?? throw new InvalidOperationException($"Batch {page.BatchId} has no manifest.");
        return [.. manifest.Items.Skip(page.Offset).Take(page.Count)];
    }
}
