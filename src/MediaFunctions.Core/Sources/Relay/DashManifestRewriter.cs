using System.Xml;
using System.Xml.Linq;

namespace MediaFunctions.Core.Sources.Relay;

/// <summary>
/// Points the absolute, protocol-relative and root-relative <c>BaseURL</c>s of a DASH manifest, and
/// absolute and protocol-relative URLs in segment attributes, at the relay. Relative references need no change: the relay URL keeps the
/// origin's path shape, so they resolve back through it. Read as XML, so quoting, namespace prefixes
/// and entities are seen as ffmpeg sees them.
/// </summary>
internal static class DashManifestRewriter
{
    // The attributes of SegmentTemplate, SegmentURL, Initialization and RepresentationIndex that hold a URL or URL template.
    private static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase) { "media", "initialization", "sourceURL", "index" };

    /// <exception cref="HttpRequestException">The manifest is not well-formed XML.</exception>
    public static string Rewrite(string manifest, Uri manifestUri, Func<Uri, string> toRelay)
    {
        var document = Load(manifest);
        foreach (var element in document.Descendants().ToList())
        {
            if (element.Name.LocalName.Equals("BaseURL", StringComparison.OrdinalIgnoreCase)
                && Map(element.Value, manifestUri, toRelay, rootRelativeToo: true) is { } baseUrl)
            {
                element.Value = baseUrl;
            }

            foreach (var attribute in element.Attributes().Where(attribute => UrlAttributes.Contains(attribute.Name.LocalName)))
            {
                if (Map(attribute.Value, manifestUri, toRelay, rootRelativeToo: false) is { } url)
                {
                    attribute.Value = url;
                }
            }
        }

        return document.Declaration + document.ToString(SaveOptions.DisableFormatting);
    }

    private static XDocument Load(string manifest)
    {
        // No DTD and no resolver: a manifest cannot make the relay fetch or expand anything.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            // A byte order mark comes through the relay's UTF-8 decoding as U+FEFF, which the reader takes for content.
            using var reader = XmlReader.Create(new StringReader(manifest.TrimStart('\uFEFF')), settings);
            return XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException malformed)
        {
            // NOTE: refused rather than passed on unchanged: ffmpeg would fetch its absolute URLs around the relay.
            throw new HttpRequestException("The origin's DASH manifest is not well-formed XML.", malformed);
        }
    }

    /// <summary>The relay URL for a reference to rewrite; null to leave it as it is.</summary>
    private static string? Map(string value, Uri manifestUri, Func<Uri, string> toRelay, bool rootRelativeToo)
    {
        var reference = value.Trim();
        // A protocol-relative reference (//host/...) names its host as surely as an absolute one: resolved against the
        // relay's http URL it would send ffmpeg straight to that host.
        var rewrite = reference.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || reference.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || reference.StartsWith("//", StringComparison.Ordinal)
            || (rootRelativeToo && reference.StartsWith('/'));
        return rewrite && Uri.TryCreate(manifestUri, reference, out var absolute) ? toRelay(absolute) : null;
    }
}
