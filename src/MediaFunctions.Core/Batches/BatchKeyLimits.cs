namespace MediaFunctions.Core.Batches;

/// <summary>One key's batch limits, where they differ from <see cref="BatchOptions"/>.</summary>
public sealed class BatchKeyLimits
{
    /// <summary>How many of this key's batch jobs run at once.</summary>
    public int? KeyConcurrency { get; set; }
}
