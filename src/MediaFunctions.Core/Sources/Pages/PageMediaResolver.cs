using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Sources.Egress;
using MediaFunctions.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Sources.Pages;

/// <summary>
/// Finds the media on a web page of a video site, or lists a playlist page's entries, with yt-dlp
/// (<c>Sources:YtDlpPath</c>, else <c>yt-dlp</c> on PATH), which fetches only through a lease of the
/// <see cref="EgressProxy"/>, so its every request meets the address rules. Only yt-dlp's info JSON is used, never its downloader: the
/// media URLs it returns are read through the source relay like any other URL, and a newer yt-dlp
/// drops in by replacing the executable. Each run is a <c>yt-dlp</c> span with the page's URL, its query left out.
/// </summary>
public sealed class PageMediaResolver(EgressProxy proxy, IOptions<SourceOptions> options)
{
    /// <summary>How long one yt-dlp run may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private const string YtDlp = "yt-dlp";

    private static readonly JsonSerializerOptions Json = new();

    // Only the lease's proxy: proxy settings or exceptions from the environment would let fetches around it.
    // A null value removes the variable from yt-dlp's environment.
    private static readonly Dictionary<string, string?> UnsetProxyVariables =
        new[] { "http_proxy", "https_proxy", "all_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY" }.ToDictionary(name => name, string? (_) => null);

    /// <summary>Runs <c>yt-dlp -J</c> on the page and returns what it chose.</summary>
    /// <param name="pageUrl">The page, already checked by <see cref="UrlSourcePolicy.CheckAsync"/>.</param>
    /// <param name="formatSelector">A yt-dlp <c>-f</c> selector (<c>bestaudio/best</c> for audio only), or null for yt-dlp's default.</param>
    /// <param name="formatSort">A yt-dlp <c>-S</c> sort order (<c>res:720</c> prefers the largest shorter side up to 720), or null.</param>
    /// <exception cref="NoMediaFoundException">yt-dlp found no media on the page, or failed to read it.</exception>
    /// <exception cref="InvalidJobInputException"><c>url_not_allowed</c> when one of yt-dlp's fetches was refused.</exception>
    /// <exception cref="InvalidOperationException">yt-dlp is not installed where configured.</exception>
    public async Task<PageMedia> ResolveAsync(Uri pageUrl, string? formatSelector = null, string? formatSort = null, CancellationToken cancellationToken = default)
    {
        List<string> mode = ["--no-playlist"];
        if (formatSelector is not null)
        {
            mode.AddRange(["-f", formatSelector]);
        }

        if (formatSort is not null)
        {
            mode.AddRange(["-S", formatSort]);
        }

        using var document = await InfoAsync(pageUrl, mode, cancellationToken);
        return Read(document.RootElement, pageUrl) ?? throw new NoMediaFoundException(pageUrl, "the page has no playable media.");
    }

    /// <summary>
    /// Runs <c>yt-dlp -J --flat-playlist</c> on the page: its entries as the page lists them, without
    /// visiting each one; null when the page is a single video rather than a playlist.
    /// </summary>
    /// <param name="pageUrl">The page, already checked by <see cref="UrlSourcePolicy.CheckAsync"/>.</param>
    /// <param name="maxEntries">
    /// At most this many entries are listed; ask for one more than you accept to learn that there are more
    /// (<see cref="PagePlaylist.TotalCount"/> holds the site's own total when it gives one).
    /// </param>
    /// <exception cref="NoMediaFoundException">yt-dlp found no media on the page, or failed to read it.</exception>
    /// <exception cref="InvalidJobInputException"><c>url_not_allowed</c> when one of yt-dlp's fetches was refused.</exception>
    /// <exception cref="InvalidOperationException">yt-dlp is not installed where configured.</exception>
    public async Task<PagePlaylist?> ListAsync(Uri pageUrl, int maxEntries, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        using var document = await InfoAsync(pageUrl, ["--flat-playlist", "--playlist-end", maxEntries.ToString(CultureInfo.InvariantCulture)], cancellationToken);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var info = document.RootElement.Deserialize<YtDlpInfo>(Json)!;
        if (info.Type != "playlist")
        {
            return null;
        }

        var entries = (info.Entries ?? [])
            .Where(entry => entry.ValueKind == JsonValueKind.Object)
            .Select(entry => ReadEntry(entry.Deserialize<YtDlpInfo>(Json)!, pageUrl))
            .OfType<PagePlaylistEntry>()
            .Take(maxEntries)
            .ToList();
        return new PagePlaylist(pageUrl, info.Title, info.Description, ThumbnailOf(info), info.PlaylistCount, entries);
    }

    // Builds yt-dlp's command line: the mode's arguments between the ones every run needs and the page.
    private async Task<JsonDocument> InfoAsync(Uri pageUrl, IReadOnlyList<string> mode, CancellationToken cancellationToken)
    {
        using var lease = proxy.Lease();
        List<string> arguments = ["-J", "--ignore-config", "--no-cache-dir", "--no-warnings", "--proxy", lease.ProxyUrl.AbsoluteUri, "--socket-timeout", "30"];
        arguments.AddRange(mode);
        arguments.AddRange(["--", pageUrl.AbsoluteUri]);
        var (exitCode, output, error) = await RunAsync(arguments, cancellationToken);
        if (lease.Refusal is { } refusal)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(refusal);
        }

        if (exitCode != 0)
        {
            throw new NoMediaFoundException(pageUrl, ErrorLine(error).Replace(lease.ProxyUrl.UserInfo, "***", StringComparison.Ordinal));
        }

        return JsonDocument.Parse(output);
    }

    // A flat entry names its own page (_type "url"); media embedded in the listed page is read from its
    // chosen format's URL, because its webpage_url is the listed page itself.
    private static PagePlaylistEntry? ReadEntry(YtDlpInfo entry, Uri pageUrl)
    {
        var url = entry.Type is "url" or "url_transparent" ? HttpUrl(entry.Url)
            : HttpUrl(entry.WebpageUrl) is { } page && page != pageUrl ? page
            : HttpUrl(entry.Url);
        if (url is null)
        {
            return null;
        }

        var published = entry.ReleaseTimestamp ?? entry.Timestamp;
        DateTimeOffset? publishedAt = published is { } seconds ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : DateTimeOffset.TryParseExact(entry.UploadDate, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day) ? day
            : null;
        return new PagePlaylistEntry(url, entry.Title, entry.Description, publishedAt,
            entry.Duration is { } duration ? TimeSpan.FromSeconds(duration) : null, ThumbnailOf(entry));
    }

    private static Uri? ThumbnailOf(YtDlpInfo info) =>
        HttpUrl(info.Thumbnail) ?? info.Thumbnails?.Select(thumbnail => HttpUrl(thumbnail.Url)).LastOrDefault(url => url is not null);

    private static Uri? HttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url : null;

    private static PageMedia? Read(JsonElement element, Uri pageUrl)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var info = element.Deserialize<YtDlpInfo>(Json)!;
        if (info.Type == "playlist")
        {
            return (info.Entries ?? []).Select(entry => Read(entry, pageUrl)).FirstOrDefault(media => media is not null);
        }

        var chosen = info.RequestedFormats is { Count: > 0 } requested ? requested : [element.Deserialize<YtDlpFormat>(Json)!];
        var formats = chosen
            .Where(format => Uri.TryCreate(format.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            .Select(format => new PageMediaFormat(new Uri(format.Url!), format.FormatId, format.Extension, format.VideoCodec, format.AudioCodec, format.Protocol,
                format.Width, format.Height, format.HttpHeaders ?? new Dictionary<string, string>()))
            .ToList();
        if (formats.Count == 0)
        {
            return null;
        }

        var subtitles = (info.Subtitles ?? new Dictionary<string, IReadOnlyList<YtDlpSubtitle>>())
            .SelectMany(language => language.Value
                .Where(file => Uri.TryCreate(file.Url, UriKind.Absolute, out _))
                .Select(file => new PageSubtitle(language.Key, new Uri(file.Url!), file.Extension)))
            .ToList();
        return new PageMedia(pageUrl, info.Title, info.Duration is { } seconds ? TimeSpan.FromSeconds(seconds) : null, info.IsLive == true,
            Uri.TryCreate(info.Thumbnail, UriKind.Absolute, out var thumbnail) ? thumbnail : null, formats, subtitles);
    }

    private async Task<BufferedCommandResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = string.IsNullOrWhiteSpace(options.Value.YtDlpPath) ? "yt-dlp" : options.Value.YtDlpPath;
        var command = Cli.Wrap(path)
            .WithArguments(arguments)
            .WithEnvironmentVariables(UnsetProxyVariables)
            .WithValidation(CommandResultValidation.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var span = MediaFunctionsTelemetry.Source.StartActivity(YtDlp);
        span?.SetTag(TelemetryTags.Tool, YtDlp);
        span?.SetTag(TelemetryTags.Url, UrlRedaction.WithoutQuery(arguments[^1]));
        JobTelemetry.Current?.Tag(span);
        try
        {
            var result = await command.ExecuteBufferedAsync(Encoding.UTF8, timeout.Token);
            span?.SetTag(TelemetryTags.ExitCode, result.ExitCode);
            if (result.ExitCode != 0)
            {
                span?.SetStatus(ActivityStatusCode.Error);
            }

            return result;
        }
        catch (Win32Exception notFound)
        {
            span?.SetStatus(ActivityStatusCode.Error, "not found");
            throw new InvalidOperationException($"yt-dlp was not found at '{path}' (set Sources:YtDlpPath or put yt-dlp on PATH).", notFound);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            span?.SetStatus(ActivityStatusCode.Error, "timed out");
            cancellationToken.ThrowIfCancellationRequested();
            throw new NoMediaFoundException(new Uri(arguments[^1]), $"yt-dlp did not finish within {Timeout.TotalSeconds:0} seconds.");
        }
    }

    // yt-dlp's reason is its last "ERROR:" line.
    private static string ErrorLine(string error) =>
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(line => line.StartsWith("ERROR:", StringComparison.Ordinal))?["ERROR:".Length..].Trim()
        ?? "yt-dlp failed without saying why.";
}
