using MediaFunctions.Core.Keys;

namespace MediaFunctions.Api.Instances;

/// <summary>
/// Which instances a key may see: those whose id starts with <c>{keyId}-</c>, or all of them for an
/// admin key. Another tenant's instance is answered as if it did not exist.
/// </summary>
public static class InstanceScope
{
    /// <summary>True when the key may see and act on the instance.</summary>
    public static bool CanAccess(ApiKey key, string instanceId) => key.IsAdmin || InstanceIds.BelongsTo(instanceId, key.Id);

    /// <summary>
    /// The id prefix a query must use: the key's own prefix narrowed by the one asked for. False when
    /// the two cannot both hold, so the answer is empty.
    /// </summary>
    public static bool TryNarrowPrefix(ApiKey key, string? requestedPrefix, out string? prefix)
    {
        requestedPrefix = string.IsNullOrEmpty(requestedPrefix) ? null : requestedPrefix;
        if (key.IsAdmin)
        {
            prefix = requestedPrefix;
            return true;
        }

        var own = InstanceIds.PrefixFor(key.Id);
        if (requestedPrefix is null || requestedPrefix.StartsWith(own, StringComparison.Ordinal))
        {
            prefix = requestedPrefix ?? own;
            return true;
        }

        if (own.StartsWith(requestedPrefix, StringComparison.Ordinal))
        {
            prefix = own;
            return true;
        }

        prefix = null;
        return false;
    }
}
