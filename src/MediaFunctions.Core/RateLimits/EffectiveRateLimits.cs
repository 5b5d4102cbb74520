namespace MediaFunctions.Core.RateLimits;

/// <summary>The limits one key has, per window.</summary>
public sealed record EffectiveRateLimits(int PerMinute, int PerHour, int PerDay)
{
    /// <summary>The limit of <paramref name="window"/>.</summary>
    public int Of(RateLimitWindow window) => window switch
    {
        RateLimitWindow.Minute => PerMinute,
        RateLimitWindow.Hour => PerHour,
        RateLimitWindow.Day => PerDay,
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, null),
    };
}
