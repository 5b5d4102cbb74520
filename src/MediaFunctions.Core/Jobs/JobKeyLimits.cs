namespace MediaFunctions.Core.Jobs;

/// <summary>One key's caps in <see cref="JobOptions.Keys"/>; null keeps the default.</summary>
public sealed class JobKeyLimits
{
    public long? MaxSourceBytes { get; set; }

    public TimeSpan? MaxDuration { get; set; }
}
