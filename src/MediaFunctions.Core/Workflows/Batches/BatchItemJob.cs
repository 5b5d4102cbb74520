using MediaFunctions.Core.Batches;

namespace MediaFunctions.Core.Workflows.Batches;

/// <summary>The input of <see cref="BatchItemOrchestrator"/>: one item of a batch and what its job does.</summary>
/// <param name="Concurrency">How many of the batch's jobs run at once.</param>
/// <param name="KeyConcurrency">How many batch jobs of the key run at once, across its batches.</param>
/// <param name="Zip">Keep the item's files for its batch's zip once its job completed.</param>
public sealed record BatchItemJob(
    string BatchId,
    string KeyId,
    BatchItem Item,
    BatchJobTemplate Template,
    int Concurrency,
    int KeyConcurrency,
    TimeSpan SlotPollInterval,
    bool Zip = false)
{
    /// <summary>The item's job id, which is this orchestration's instance id.</summary>
    public string JobId => Item.JobId!;

    /// <summary>
    /// The ffmpeg threads the item's job gets: its share of the cores among the batch's jobs that run at once,
    /// at least one; null (ffmpeg uses every core) when it runs alone.
    /// </summary>
    /// <remarks>Encoders such as libx264 already spread one run over every core: N of them at once, each as wide
    /// as the machine, lose time to switching between their threads.</remarks>
    public int? ThreadsPerJob(int processorCount)
    {
        var atOnce = Math.Min(Concurrency, KeyConcurrency);
        return atOnce <= 1 ? null : Math.Max(1, processorCount / atOnce);
    }
}
