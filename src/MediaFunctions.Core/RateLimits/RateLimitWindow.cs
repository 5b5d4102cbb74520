namespace MediaFunctions.Core.RateLimits;

/// <summary>A fixed UTC window requests are counted in: a calendar minute, hour or day.</summary>
public enum RateLimitWindow
{
    Minute,
    Hour,
    Day,
}
