namespace MediaFunctions.Core.RateLimits;

/// <summary>
/// A request could not be counted because other processes changed the key's counters every time
/// this one tried; the caller should try again shortly.
/// </summary>
public sealed class RateLimitContentionException(string keyId, int attempts)
    : Exception($"The request count of key '{keyId}' changed under each of {attempts} attempts to update it.")
{
    public string KeyId { get; } = keyId;

    public int Attempts { get; } = attempts;
}
