using System.Net;
using System.Security;
using System.Text.RegularExpressions;

namespace MediaFunctions.Core.Sources.Relay;

/// <summary>
/// Points the absolute and root-relative <c>BaseURL</c>s of a DASH manifest, and absolute URLs in
/// segment attributes, at the relay. Relative references need no change: the relay URL keeps the
/// origin's path shape, so they resolve back through it.
/// </summary>
internal static partial class DashManifestRewriter
{
    public static string Rewrite(string manifest, Uri manifestUri, Func<Uri, string> toRelay)
    {
        var rewritten = BaseUrlElement().Replace(manifest, match =>
            match.Groups["open"].Value + Map(match.Groups["url"].Value, manifestUri, toRelay, rootRelativeToo: true) + match.Groups["close"].Value);
        return UrlAttribute().Replace(rewritten, match =>
            $"{match.Groups["name"].Value}=\"{Map(match.Groups["url"].Value, manifestUri, toRelay, rootRelativeToo: false)}\"");
    }

    private static string Map(string escaped, Uri manifestUri, Func<Uri, string> toRelay, bool rootRelativeToo)
    {
        var reference = WebUtility.HtmlDecode(escaped).Trim();
        var rewrite = reference.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || reference.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || (rootRelativeToo && reference.StartsWith('/') && !reference.StartsWith("//", StringComparison.Ordinal));
        return rewrite && Uri.TryCreate(manifestUri, reference, out var absolute)
            ? SecurityElement.Escape(toRelay(absolute))
            : escaped;
    }

    [GeneratedRegex("(?<open><BaseURL\\b[^>]*>)(?<url>[^<]*)(?<close></BaseURL>)")]
    private static partial Regex BaseUrlElement();

    [GeneratedRegex("\\b(?<name>media|initialization|sourceURL|index)=\"(?<url>https?://[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttribute();
}
