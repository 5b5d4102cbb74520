using System.Globalization;
using System.Text;

namespace MediaFunctions.Core.Batches.Sources;

/// <summary>
/// Reads an M3U/M3U8 list of media URLs: <c>#EXTINF:seconds,title</c> describes the URL on the next line,
/// bare lines are URLs too, relative ones resolve against the list's URL, and URLs that are not http(s)
/// are skipped. An HLS playlist (any <c>#EXT-X-</c> tag: master or media) is one stream, not a list.
/// </summary>
internal static class MediaListReader
{
    /// <summary>The list, or null when it is an HLS playlist; throws <c>batch_too_large</c> past <paramref name="maxItems"/> URLs, or <c>no_media_found</c>.</summary>
    /// <param name="listUrl">The URL that answered, against which relative URLs resolve.</param>
    public static async Task<BatchSource?> ReadAsync(Stream body, Uri listUrl, int maxItems, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var items = new List<BatchSourceItem>();
        var urls = 0;
        string? listTitle = null;
        (string? Title, TimeSpan? Duration) described = default;
        // NOTE: the whole list is read even past the cap: an HLS tag may come after its first segments.
        while (await reader.ReadLineAsync(cancellationToken) is { } read)
        {
            var line = read.Trim();
            if (line.StartsWith("#EXT-X-", StringComparison.Ordinal))
            {
                return null;
            }

            if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                described = Description(line["#EXTINF:".Length..]);
            }
            else if (line.StartsWith("#PLAYLIST:", StringComparison.Ordinal))
            {
                listTitle = NonEmpty(line["#PLAYLIST:".Length..]);
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                if (LinkedUrl.Resolve(listUrl, line) is { } url && ++urls <= maxItems)
                {
                    items.Add(new BatchSourceItem(url, described.Title, null, null, described.Duration, null));
                }

                described = default;
            }
        }

        if (urls > maxItems)
        {
            throw BatchSourceErrors.TooLarge(maxItems, urls);
        }

        return items.Count == 0
            ? throw BatchSourceErrors.NoMediaFound("The list has no http or https media URL.")
            : new BatchSource(BatchSourceKind.List, listTitle, null, null, items);
    }

    // "#EXTINF:<seconds> [attributes],<title>": the title follows the first comma outside quoted attribute values.
    private static (string? Title, TimeSpan? Duration) Description(string value)
    {
        var quoted = false;
        var comma = -1;
        for (var index = 0; index < value.Length && comma < 0; index++)
        {
            if (value[index] == '"')
            {
                quoted = !quoted;
            }
            else if (value[index] == ',' && !quoted)
            {
                comma = index;
            }
        }

        var head = comma < 0 ? value : value[..comma];
        var seconds = head.Split(' ', 2)[0];
        TimeSpan? duration = double.TryParse(seconds, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? TimeSpan.FromSeconds(parsed)
            : null;
        return (comma < 0 ? null : NonEmpty(value[(comma + 1)..]), duration);
    }

    private static string? NonEmpty(string text) => text.Trim() is { Length: > 0 } trimmed ? trimmed : null;
}
