using MediaFunctions.Core.Sources.Egress;
using MediaFunctions.Core.Storage;

namespace MediaFunctions.Core.Workflows.Download;

/// <summary>Fetches the small files a page lists beside its media (subtitles, a thumbnail) through the guarded client.</summary>
public sealed class SideFileFetcher(GuardedHttpClient web)
{
    /// <summary>The largest subtitle or thumbnail file fetched from a page.</summary>
    public const long MaxSideFileBytes = 10 * 1024 * 1024;

    /// <summary>Writes the file at <paramref name="url"/> to <paramref name="path"/>; returns its content type.</summary>
    /// <exception cref="HttpRequestException">The page's server refused it or could not be reached.</exception>
    /// <exception cref="Jobs.UploadTooLargeException">It is larger than <see cref="MaxSideFileBytes"/>.</exception>
    public async Task<string?> FetchAsync(Uri url, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await web.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var file = File.Create(path);
        await new SizeLimitedStream(body, MaxSideFileBytes).CopyToAsync(file, cancellationToken);
        return response.Content.Headers.ContentType?.MediaType;
    }
}
