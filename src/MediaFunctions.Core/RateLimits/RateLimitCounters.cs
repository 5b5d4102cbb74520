namespace MediaFunctions.Core.RateLimits;

/// <summary>
/// A key's counts in its current minute, hour and day, each with the start of the window it counts
/// in. One record holds all three so that counting a request is one conditional write.
/// </summary>
internal sealed record RateLimitCounters(
    DateTimeOffset MinuteStart, int MinuteCount, DateTimeOffset HourStart, int HourCount, DateTimeOffset DayStart, int DayCount)
{
    /// <summary>Counters of a key that has made no request yet.</summary>
    public static RateLimitCounters Empty { get; } = new(default, 0, default, 0, default, 0);

    private static readonly RateLimitWindow[] Windows = [RateLimitWindow.Minute, RateLimitWindow.Hour, RateLimitWindow.Day];

    /// <summary>The start of the window of kind <paramref name="window"/> that contains <paramref name="now"/>.</summary>
    public static DateTimeOffset WindowStart(RateLimitWindow window, DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return window switch
        {
            RateLimitWindow.Minute => new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero),
            RateLimitWindow.Hour => new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero),
            RateLimitWindow.Day => new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero),
            _ => throw new ArgumentOutOfRangeException(nameof(window), window, null),
        };
    }

    /// <summary>How long a window of kind <paramref name="window"/> lasts.</summary>
    public static TimeSpan Length(RateLimitWindow window) => window switch
    {
        RateLimitWindow.Minute => TimeSpan.FromMinutes(1),
        RateLimitWindow.Hour => TimeSpan.FromHours(1),
        RateLimitWindow.Day => TimeSpan.FromDays(1),
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, null),
    };

    /// <summary>These counters as they stand at <paramref name="now"/>: a window that has ended starts again at zero.</summary>
    public RateLimitCounters At(DateTimeOffset now)
    {
        var (minuteStart, minuteCount) = Roll(RateLimitWindow.Minute, MinuteStart, MinuteCount, now);
        var (hourStart, hourCount) = Roll(RateLimitWindow.Hour, HourStart, HourCount, now);
        var (dayStart, dayCount) = Roll(RateLimitWindow.Day, DayStart, DayCount, now);
        return new(minuteStart, minuteCount, hourStart, hourCount, dayStart, dayCount);
    }

    /// <summary>The counters with one more request in every window.</summary>
    public RateLimitCounters Increment() => this with { MinuteCount = MinuteCount + 1, HourCount = HourCount + 1, DayCount = DayCount + 1 };

    /// <summary>
    /// The refusal when a window is already full (the full window that ends last, since the request
    /// can go only once all have ended), else null.
    /// </summary>
    public RateLimitDecision? Refusal(EffectiveRateLimits limits) =>
        Windows.Where(window => Count(window) >= limits.Of(window))
            .Select(window => new RateLimitDecision(false, window, limits.Of(window), 0, ResetsAt(window)))
            .MaxBy(decision => decision.ResetsAt);

    /// <summary>The decision for a request these counters already include: the window with the fewest left, the longest of equals.</summary>
    public RateLimitDecision Allowance(EffectiveRateLimits limits) =>
        Windows.Select(window => new RateLimitDecision(true, window, limits.Of(window), Math.Max(0, limits.Of(window) - Count(window)), ResetsAt(window)))
            .OrderBy(decision => decision.Remaining)
            .ThenByDescending(decision => decision.ResetsAt)
            .First();

    private int Count(RateLimitWindow window) => window switch
    {
        RateLimitWindow.Minute => MinuteCount,
        RateLimitWindow.Hour => HourCount,
        _ => DayCount,
    };

    private DateTimeOffset ResetsAt(RateLimitWindow window) => window switch
    {
        RateLimitWindow.Minute => MinuteStart,
        RateLimitWindow.Hour => HourStart,
        _ => DayStart,
    } + Length(window);

    private static (DateTimeOffset Start, int Count) Roll(RateLimitWindow window, DateTimeOffset start, int count, DateTimeOffset now)
    {
        var current = WindowStart(window, now);
        // NOTE: a stored start later than ours was written by a host whose clock runs ahead; counting
        // on in its window keeps the hosts on one count instead of each resetting the other's.
        return start >= current ? (start, count) : (current, 0);
    }
}
