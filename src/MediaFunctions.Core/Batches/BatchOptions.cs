using System.ComponentModel.DataAnnotations;

namespace MediaFunctions.Core.Batches;

/// <summary>The <c>Batches</c> settings: how large a batch may be and how many of its jobs run at once.</summary>
public sealed class BatchOptions
{
    public const string SectionName = "Batches";

    /// <summary>The most items one batch may hold; a longer playlist or feed is refused with 422.</summary>
    [Range(1, 100_000)]
    public int MaxItems { get; set; } = 1000;

    /// <summary>How many of one batch's jobs run at once (default: the processor count).</summary>
    [Range(1, 1024)]
    public int Concurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>How many batch jobs of one key run at once, across all its batches (default: the processor count).</summary>
    [Range(1, 1024)]
    public int KeyConcurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>How often a job waiting for one of its key's slots looks again (a durable timer, no thread held).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SlotPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Items a batch orchestration runs before it continues as new, so its history stays small however long the batch.</summary>
    [Range(1, 10_000)]
    public int ItemsPerGeneration { get; set; } = 100;

    /// <summary>Per-key overrides of <see cref="KeyConcurrency"/>, by key id.</summary>
    public Dictionary<string, BatchKeyLimits> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The key's cap on its batch jobs running at once.</summary>
    public int KeyConcurrencyFor(string keyId) =>
        Keys.TryGetValue(keyId, out var limits) && limits.KeyConcurrency is { } cap ? cap : KeyConcurrency;
}
