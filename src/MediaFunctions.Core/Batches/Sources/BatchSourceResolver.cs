using System.Net;
using System.Net.Http.Headers;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Sources.Egress;
using MediaFunctions.Core.Sources.Pages;

namespace MediaFunctions.Core.Batches.Sources;

/// <summary>
/// Tells what a URL holds when it holds many items: a podcast feed (RSS or Atom), an M3U/M3U8 list of
/// media URLs, or a page yt-dlp lists as a playlist. Every fetch goes through the
/// <see cref="GuardedHttpClient"/> (yt-dlp's through the egress proxy), so the address rules hold after
/// redirects too. A single media item (a media file, an HLS or DASH stream, a page of one video) is not a batch.
/// </summary>
public sealed class BatchSourceResolver(UrlSourcePolicy policy, GuardedHttpClient client, PageMediaResolver pages)
{
    /// <summary>How many items a batch holds unless the caller says otherwise.</summary>
    public const int DefaultMaxItems = 1000;

    /// <summary>The largest cap a caller may ask for.</summary>
    public const int MaxItemsLimit = 100_000;

    /// <summary>The largest feed or list document read; a larger one is refused with <see cref="SourceTooLargeException"/>.</summary>
    public const long MaxDocumentBytes = 20 * 1024 * 1024;

    /// <summary>What the service calls itself to feed and list hosts (some refuse requests that name no client).</summary>
    public const string UserAgent = "MediaFunctions";

    /// <summary>How long reading a feed or list may take, from the request to its last byte.</summary>
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The items the URL holds, or null when it is a single media item (or answers with an error a single job reports).</summary>
    /// <param name="url">An http(s) URL; it is checked against the address rules here.</param>
    /// <param name="maxItems">The most items the batch may hold; a source with more is refused.</param>
    /// <exception cref="InvalidJobInputException">
    /// <c>spotify_not_supported</c> for Spotify URLs; <c>batch_too_large</c> past <paramref name="maxItems"/>;
    /// <c>no_media_found</c> for a feed or list without items; <c>invalid_feed</c>; <c>source_timeout</c>;
    /// <c>invalid_url</c> or <c>url_not_allowed</c> from the address rules.
    /// </exception>
    /// <exception cref="SourceTooLargeException">The feed or list is larger than <see cref="MaxDocumentBytes"/>.</exception>
    /// <exception cref="NoMediaFoundException">yt-dlp could not read the web page.</exception>
    public async Task<BatchSource?> ResolveAsync(Uri url, int maxItems = DefaultMaxItems, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxItems, MaxItemsLimit);
        if (IsSpotify(url))
        {
            throw BatchSourceErrors.SpotifyNotSupported();
        }

        var checkedUrl = await policy.CheckAsync(url.OriginalString, cancellationToken);
        var (kind, source) = await ReadWithinTimeoutAsync(checkedUrl, maxItems, cancellationToken);
        return kind == DocumentKind.WebPage ? await ListPageAsync(checkedUrl, maxItems, cancellationToken) : source;
    }

    private static bool IsSpotify(Uri url) => url.IsAbsoluteUri
        && (url.Scheme.Equals("spotify", StringComparison.OrdinalIgnoreCase)
            || url.Host.Equals("open.spotify.com", StringComparison.OrdinalIgnoreCase)
            || url.Host.Equals("play.spotify.com", StringComparison.OrdinalIgnoreCase));

    private async Task<(DocumentKind Kind, BatchSource? Source)> ReadWithinTimeoutAsync(Uri url, int maxItems, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(FetchTimeout);
        try
        {
            return await ReadAsync(url, maxItems, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw BatchSourceErrors.Timeout(FetchTimeout);
        }
    }

    // The document's kind and, for a feed or list, what it holds; the responses are closed before yt-dlp fetches a page again.
    private async Task<(DocumentKind Kind, BatchSource? Source)> ReadAsync(Uri url, int maxItems, CancellationToken cancellationToken)
    {
        // Most URLs are media, which their content type says: one byte asks for it, and the first bytes are read only
        // when the type leaves it open (a clip of a podcast costs ~80 KB, so 4 KB more is no detail). An origin asked
        // for a whole file pushes megabytes into the connection before a dropped response stops it.
        using var first = await ReadPrefixUnlessMediaAsync(url, cancellationToken);
        if (first is null)
        {
            return (DocumentKind.SingleItem, null);
        }

        var answeredUrl = first.RequestMessage?.RequestUri ?? url;
        var declared = DocumentClassifier.ByMediaType(first.Content.Headers.ContentType?.MediaType);
        await using var start = await DocumentBody.OpenAsync(await first.Content.ReadAsStreamAsync(cancellationToken), MaxDocumentBytes, cancellationToken);
        var sniffed = DocumentClassifier.ByContent(start.Prefix, answeredUrl);
        // NOTE: some hosts serve feeds as text/html; yt-dlp would list their items' web pages instead of their enclosures.
        var kind = declared is null || (declared == DocumentKind.WebPage && sniffed == DocumentKind.Feed) ? sniffed : declared.Value;
        if (kind is DocumentKind.SingleItem or DocumentKind.WebPage)
        {
            return (kind, null);
        }

        if (first.StatusCode != HttpStatusCode.PartialContent)
        {
            // The origin ignored the range: this answer is the whole document.
            return (kind, await ReadDocumentAsync(kind, first, start, answeredUrl, maxItems, cancellationToken));
        }

        using var whole = await TrySendAsync(answeredUrl, range: null, cancellationToken);
        if (whole is not { IsSuccessStatusCode: true })
        {
            return (DocumentKind.SingleItem, null);
        }

        await using var body = await DocumentBody.OpenAsync(await whole.Content.ReadAsStreamAsync(cancellationToken), MaxDocumentBytes, cancellationToken);
        return (kind, await ReadDocumentAsync(kind, whole, body, answeredUrl, maxItems, cancellationToken));
    }

    // The answer whose first bytes tell a feed, list or page from media; null when it is media by its type or cannot be read.
    private async Task<HttpResponseMessage?> ReadPrefixUnlessMediaAsync(Uri url, CancellationToken cancellationToken)
    {
        var typed = await TrySendAsync(url, new RangeHeaderValue(0, 0), cancellationToken);
        if (typed is not { IsSuccessStatusCode: true } || DocumentClassifier.ByMediaType(typed.Content.Headers.ContentType?.MediaType) == DocumentKind.SingleItem)
        {
            typed?.Dispose();
            return null;
        }

        if (typed.StatusCode != HttpStatusCode.PartialContent)
        {
            // The origin ignored the range: this answer is the whole document.
            return typed;
        }

        typed.Dispose();
        var first = await TrySendAsync(url, new RangeHeaderValue(0, DocumentBody.PrefixLength - 1), cancellationToken);
        if (first is { IsSuccessStatusCode: true })
        {
            return first;
        }

        first?.Dispose();
        return null;
    }

    // Null when the origin cannot be reached: the single job's probe then says so in its own words.
    private async Task<HttpResponseMessage?> TrySendAsync(Uri url, RangeHeaderValue? range, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.TryAddWithoutValidation("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8");
        request.Headers.Range = range;
        try
        {
            return await client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task<BatchSource?> ReadDocumentAsync(DocumentKind kind, HttpResponseMessage response, DocumentBody body, Uri documentUrl, int maxItems,
        CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is > MaxDocumentBytes and var length)
        {
            throw new SourceTooLargeException(MaxDocumentBytes, length);
        }

        return kind == DocumentKind.Feed
            ? ReadFeed(body, documentUrl, maxItems, cancellationToken)
            : await MediaListReader.ReadAsync(body, documentUrl, maxItems, cancellationToken);
    }

    private static BatchSource ReadFeed(DocumentBody body, Uri feedUrl, int maxItems, CancellationToken cancellationToken)
    {
        // The feed library reads synchronously; closing the body under it is what ends a cancelled read.
        using var closing = cancellationToken.Register(body.Dispose);
        try
        {
            return PodcastFeedReader.Read(body, feedUrl, maxItems);
        }
        catch (Exception closed) when (cancellationToken.IsCancellationRequested && closed is IOException or ObjectDisposedException)
        {
            throw new OperationCanceledException("The feed's read was cancelled.", closed, cancellationToken);
        }
    }

    private async Task<BatchSource?> ListPageAsync(Uri pageUrl, int maxItems, CancellationToken cancellationToken)
    {
        if (await pages.ListAsync(pageUrl, maxItems + 1, cancellationToken) is not { } playlist)
        {
            return null;
        }

        if (playlist.Entries.Count > maxItems || playlist.TotalCount > maxItems)
        {
            throw BatchSourceErrors.TooLarge(maxItems, playlist.TotalCount);
        }

        return playlist.Entries.Count == 0
            ? throw BatchSourceErrors.NoMediaFound("The playlist has no entries.")
            : new BatchSource(BatchSourceKind.Playlist, playlist.Title, playlist.Description, playlist.ThumbnailUrl,
                [.. playlist.Entries.Select(entry => new BatchSourceItem(entry.Url, entry.Title, entry.Description, entry.PublishedAt, entry.Duration, entry.ThumbnailUrl))]);
    }
}
