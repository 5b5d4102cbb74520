using System.Net.Http.Headers;
using MediaFunctions.Core.Sources.Egress;

namespace MediaFunctions.Core.Sources.Pages;

/// <summary>Tells a web page (whose media yt-dlp must find) from media: one byte of it, and its content type.</summary>
public sealed class WebPageDetector(GuardedHttpClient web)
{
    /// <summary>True when the URL answers with HTML; false for anything else, including no answer (the probe then says why in its own words).</summary>
    public async Task<bool> IsWebPageAsync(Uri url, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(0, 0);
        try
        {
            using var response = await web.SendAsync(request, cancellationToken);
            return response.Content.Headers.ContentType?.MediaType is "text/html" or "application/xhtml+xml";
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
