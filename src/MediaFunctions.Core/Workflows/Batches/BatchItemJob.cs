using MediaFunctions.Core.Batches;

namespace MediaFunctions.Core.Workflows.Batches;

/// <summary>The input of <see cref="BatchItemOrchestrator"/>: one item of a batch and what its job does.</summary>
public sealed record BatchItemJob(
    string BatchId,
    string KeyId,
    BatchItem Item,
    BatchJobTemplate Template,
    int KeyConcurrency,
    TimeSpan SlotPollInterval)
{
    /// <summary>The item's job id, which is this orchestration's instance id.</summary>
    public string JobId => Item.JobId!;
}
