using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Batches;

/// <summary>A completed item's files, to keep for its batch's zip.</summary>
/// <param name="Index">The item's index in its batch.</param>
public sealed record BatchZipItem(string KeyId, string BatchId, int Index, IReadOnlyList<JobOutput> Outputs);

/// <summary>
/// Copies a completed item's files aside for its batch's zip (<see cref="BatchZipFiles.KeepAsync"/>), since the
/// item's own files are deleted when its links expire, before a long batch ends. Idempotent: a copy overwrites.
/// </summary>
public sealed class KeepForBatchZipActivity(BatchZipFiles zips) : Activity<BatchZipItem, int>
{
    public override Task<int> RunAsync(ActivityContext context, BatchZipItem item, CancellationToken cancellationToken) =>
        zips.KeepAsync(item.KeyId, item.BatchId, item.Index, item.Outputs, cancellationToken);
}
