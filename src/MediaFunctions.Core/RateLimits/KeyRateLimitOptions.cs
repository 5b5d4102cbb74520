namespace MediaFunctions.Core.RateLimits;

/// <summary>One key's limits in <see cref="RateLimitOptions.Keys"/>; null keeps the default.</summary>
public sealed class KeyRateLimitOptions
{
    public int? PerMinute { get; set; }

    public int? PerHour { get; set; }

    public int? PerDay { get; set; }
}
