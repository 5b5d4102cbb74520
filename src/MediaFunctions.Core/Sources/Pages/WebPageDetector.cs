using System.Net.Http.Headers;
using MediaFunctions.Core.Sources.Egress;

namespace MediaFunctions.Core.Sources.Pages;

/// <summary>Tells a web page (whose media yt-dlp must find) from media: one byte of it, and its content type.</summary>
public sealed class WebPageDetector(GuardedHttpClient web)
{
    /// <summary>The media type the URL answers with (<c>text/html</c>, <c>audio/mpeg</c>), or null when it gives none or does not answer (the probe then says why in its own words).</summary>
    public async Task<string?> GetMediaTypeAsync(Uri url, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(0, 0);
        try
        {
            using var response = await web.SendAsync(request, cancellationToken);
            return response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>True for a media type (from <see cref="GetMediaTypeAsync"/>) that is a web page's.</summary>
    public static bool IsWebPage(string? mediaType) => mediaType is "text/html" or "application/xhtml+xml";
}
