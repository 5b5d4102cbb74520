using System.Collections.Concurrent;

namespace MediaFunctions.Core.Sources.Relay;

/// <summary>
/// The relay's <see cref="CachedOrigin"/>s, keyed by origin URL and request headers, bounded in count and in bytes
/// each, and dropped once idle for <see cref="IdleLifetime"/>: long enough to carry a job's probe over to its render,
/// short enough that nothing outlives the job by much.
/// </summary>
internal sealed class OriginCache
{
    /// <summary>What one origin may hold: a podcast's or a long video's index and its first seconds.</summary>
    public const long BytesPerOrigin = 4 * 1024 * 1024;

    /// <summary>How many origins are held at once; the least recently used goes first.</summary>
    public const int MaxOrigins = 8;

    /// <summary>How long an origin nobody reads is held.</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, CachedOrigin> _origins = new();

    /// <summary>The cache of <paramref name="origin"/> as read with <paramref name="headers"/>, new or held.</summary>
    public CachedOrigin For(Uri origin, IReadOnlyDictionary<string, string> headers)
    {
        var now = Environment.TickCount64;
        foreach (var (key, held) in _origins)
        {
            if (now - held.LastUsed > (long)IdleLifetime.TotalMilliseconds)
            {
                _origins.TryRemove(key, out _);
            }
        }

        var cached = _origins.GetOrAdd(KeyOf(origin, headers), _ => new CachedOrigin(BytesPerOrigin));
        cached.Touch();
        while (_origins.Count > MaxOrigins && _origins.MinBy(entry => entry.Value.LastUsed) is { Key: { } oldest } && oldest != KeyOf(origin, headers))
        {
            _origins.TryRemove(oldest, out _);
        }

        return cached;
    }

    // Headers are part of the key: cookies or a token may change what the origin answers.
    private static string KeyOf(Uri origin, IReadOnlyDictionary<string, string> headers) =>
        string.Join('\n', headers.OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase).Select(header => $"{header.Key}: {header.Value}")
            .Prepend(origin.AbsoluteUri));
}
