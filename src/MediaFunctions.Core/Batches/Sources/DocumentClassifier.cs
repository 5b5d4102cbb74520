using System.Text;

namespace MediaFunctions.Core.Batches.Sources;

/// <summary>
/// Decides a <see cref="DocumentKind"/> from the Content-Type an origin sent and, where that does not
/// settle it (generic XML, text, octet-stream, none), from the body's first bytes and the URL's extension.
/// </summary>
internal static class DocumentClassifier
{
    private static readonly HashSet<string> MpegUrlTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/vnd.apple.mpegurl", "application/x-mpegurl", "application/mpegurl", "audio/mpegurl", "audio/x-mpegurl",
    };

    /// <summary>The kind the media type alone settles, or null when the body must be sniffed.</summary>
    public static DocumentKind? ByMediaType(string? mediaType) => mediaType?.ToLowerInvariant() switch
    {
        null => null,
        var type when MpegUrlTypes.Contains(type) => DocumentKind.MediaList,
        "application/rss+xml" or "application/atom+xml" => DocumentKind.Feed,
        "text/html" or "application/xhtml+xml" => DocumentKind.WebPage,
        var type when type.StartsWith("audio/", StringComparison.Ordinal) || type.StartsWith("video/", StringComparison.Ordinal)
            || type.StartsWith("image/", StringComparison.Ordinal) || type == "application/dash+xml" => DocumentKind.SingleItem,
        _ => null,
    };

    /// <summary>The kind the body's first bytes show: an <c>#EXTM3U</c> header, an rss/feed/html root element, or an .m3u/.m3u8 URL of text.</summary>
    public static DocumentKind ByContent(ReadOnlySpan<byte> prefix, Uri url)
    {
        var text = Decode(prefix).TrimStart();
        if (text.StartsWith("#EXTM3U", StringComparison.Ordinal))
        {
            return DocumentKind.MediaList;
        }

        switch (RootElement(text)?.ToLowerInvariant())
        {
            case "rss" or "feed":
                return DocumentKind.Feed;
            case "html":
                return DocumentKind.WebPage;
            case not null:
                return DocumentKind.SingleItem;
        }

        var extension = Path.GetExtension(url.AbsolutePath);
        var isListName = extension.Equals(".m3u", StringComparison.OrdinalIgnoreCase) || extension.Equals(".m3u8", StringComparison.OrdinalIgnoreCase);
        return isListName && !prefix.Contains((byte)0) ? DocumentKind.MediaList : DocumentKind.SingleItem;
    }

    private static string Decode(ReadOnlySpan<byte> prefix) => prefix switch
    {
        [0xFF, 0xFE, ..] => Encoding.Unicode.GetString(prefix[2..]),
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode.GetString(prefix[2..]),
        [0xEF, 0xBB, 0xBF, ..] => Encoding.UTF8.GetString(prefix[3..]),
        _ => Encoding.UTF8.GetString(prefix),
    };

    // The local name of the first element, past the XML declaration, processing instructions, comments
    // and a doctype ("<!DOCTYPE html" counts as html); null when the text does not start like markup.
    private static string? RootElement(string text)
    {
        var at = 0;
        while (true)
        {
            while (at < text.Length && char.IsWhiteSpace(text[at]))
            {
                at++;
            }

            if (at >= text.Length || text[at] != '<')
            {
                return null;
            }

            var rest = text.AsSpan(at);
            if (rest.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase))
            {
                return "html";
            }

            var skipTo = rest.StartsWith("<?", StringComparison.Ordinal) ? "?>"
                : rest.StartsWith("<!--", StringComparison.Ordinal) ? "-->"
                : rest.StartsWith("<!", StringComparison.Ordinal) ? ">"
                : null;
            if (skipTo is null)
            {
                var name = rest[1..];
                var end = name.IndexOfAny(" \t\r\n/>");
                if (end <= 0)
                {
                    return null;
                }

                var qualified = name[..end];
                return qualified[(qualified.IndexOf(':') + 1)..].ToString();
            }

            var close = text.IndexOf(skipTo, at, StringComparison.Ordinal);
            if (close < 0)
            {
                return null;
            }

            at = close + skipTo.Length;
        }
    }
}
