namespace MediaFunctions.Core.RateLimits;

/// <summary>
/// How many requests a key may make per minute, hour and day (UTC fixed windows), bound from the
/// "RateLimits" section; <see cref="Keys"/> overrides them per key id
/// (<c>RateLimits__Keys__alice__PerMinute=20</c>).
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>The largest limit a setting may hold.</summary>
    public const int MaxLimit = 1_000_000_000;

    /// <summary>Requests per key per minute.</summary>
    public int PerMinute { get; set; } = 100;

    /// <summary>Requests per key per hour.</summary>
    public int PerHour { get; set; } = 1_000;

    /// <summary>Requests per key per day.</summary>
    public int PerDay { get; set; } = 10_000;

    /// <summary>Limits of single keys, by key id; a limit not given there is the default above.</summary>
    public Dictionary<string, KeyRateLimitOptions> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The limits that apply to <paramref name="keyId"/>.</summary>
    public EffectiveRateLimits For(string keyId) =>
        Keys.TryGetValue(keyId, out var key)
            ? new EffectiveRateLimits(key.PerMinute ?? PerMinute, key.PerHour ?? PerHour, key.PerDay ?? PerDay)
            : new EffectiveRateLimits(PerMinute, PerHour, PerDay);
}
