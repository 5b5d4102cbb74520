namespace MediaFunctions.Core.Keys;

/// <summary>
/// Instance ids carry their owner: <c>{keyId}-{32 hex digits}</c>. Tenant scoping is a prefix test,
/// so it works for a single instance and for a query alike.
/// </summary>
public static class InstanceIds
{
    /// <summary>
    /// A new instance id owned by the key, made at <paramref name="now"/>. The first 16 hex digits count
    /// down with time, so a key's instances list newest first in id order; the last 16 are random.
    /// </summary>
    public static string NewFor(string keyId, DateTimeOffset now) =>
        PrefixFor(keyId) + (long.MaxValue - now.UtcTicks).ToString("x16", System.Globalization.CultureInfo.InvariantCulture)
        + Guid.NewGuid().ToString("N")[..16];

    /// <summary>The prefix every instance id of the key starts with.</summary>
    public static string PrefixFor(string keyId)
    {
        if (!ApiKey.IsValidId(keyId))
        {
            throw new ArgumentException($"'{keyId}' is not a valid key id.", nameof(keyId));
        }

        return keyId + "-";
    }

    /// <summary>True when the instance id was made for the key.</summary>
    public static bool BelongsTo(string instanceId, string keyId) =>
        ApiKey.IsValidId(keyId) && instanceId.StartsWith(keyId + "-", StringComparison.Ordinal);
}
