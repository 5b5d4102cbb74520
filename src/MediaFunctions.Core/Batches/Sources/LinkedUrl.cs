namespace MediaFunctions.Core.Batches.Sources;

/// <summary>Turns a URL written in a document (absolute, or relative to the document's own URL) into an absolute http(s) URL.</summary>
internal static class LinkedUrl
{
    /// <summary>The absolute http or https URL <paramref name="reference"/> names, or null for other schemes and unreadable text.</summary>
    public static Uri? Resolve(Uri documentUrl, string? reference)
    {
        reference = reference?.Trim();
        if (string.IsNullOrEmpty(reference) || reference.Contains('\\', StringComparison.Ordinal))
        {
            // Backslashes: a Windows file path a desktop player wrote, nothing on the web.
            return null;
        }

        // A path starting with '/' is relative to the document's host, though on Unix Uri reads it as an absolute file path.
        var url = reference.StartsWith('/') || !Uri.TryCreate(reference, UriKind.Absolute, out var absolute)
            ? Uri.TryCreate(documentUrl, reference, out var relative) ? relative : null
            : absolute;
        return url is not null && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url : null;
    }
}
