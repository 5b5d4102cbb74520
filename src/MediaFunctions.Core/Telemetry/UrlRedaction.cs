namespace MediaFunctions.Core.Telemetry;

/// <summary>
/// What of a URL telemetry may record: scheme, host, port and path. The query and fragment go, because that is where
/// SAS signatures (<c>sig=</c>, <c>se=</c>, <c>sp=</c>), API keys (<c>bearer_token=</c>) and a receiver's own tokens travel.
/// </summary>
public static class UrlRedaction
{
    /// <summary>
    /// The http(s) URL without query, fragment or user info; any other text is left out entirely (on Unix a path parses
    /// as a file URI whose "path" would still hold the query).
    /// </summary>
    public static string? WithoutQuery(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            ? WithoutQuery(parsed)
            : null;

    /// <summary>The URL without query, fragment or user info.</summary>
    public static string WithoutQuery(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.GetComponents(UriComponents.Scheme | UriComponents.Host | UriComponents.Port | UriComponents.Path, UriFormat.UriEscaped);
    }
}
