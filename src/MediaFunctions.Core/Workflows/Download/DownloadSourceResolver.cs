using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Sources.Pages;
using MediaFunctions.Core.Sources.Relay;

namespace MediaFunctions.Core.Workflows.Download;

/// <summary>
/// Finds what a download reads: a media URL as it is, or for a video site's page the streams yt-dlp
/// chooses for the request (best, bounded by <c>max_resolution</c>'s shorter side, or the best audio);
/// then probes each through the source relay.
/// </summary>
public sealed class DownloadSourceResolver(WebPageDetector pages, PageMediaResolver pageMedia, MediaProber prober, SourceRelay relay)
{
    /// <param name="url">Checked by the URL policy already.</param>
    /// <exception cref="InvalidJobInputException"><c>invalid_media</c> when a stream is not media; <c>url_not_allowed</c> from the relay.</exception>
    /// <exception cref="NoMediaFoundException">A page yt-dlp finds no media on.</exception>
    public async Task<DownloadSource> ResolveAsync(Uri url, DownloadSettings settings, long? maxBytes, CancellationToken cancellationToken = default)
    {
        if (!await pages.IsWebPageAsync(url, cancellationToken))
        {
            var source = JobSource.FromUrl(url);
            var probe = await ProbeAsync(source, maxBytes, cancellationToken);
            return new DownloadSource([source], [probe], null, [], null, DownloadInput.IsLive(probe));
        }

        // yt-dlp's "res" is the shorter side, as max_resolution is.
        var media = settings.AudioOnly
            ? await pageMedia.ResolveAsync(url, "bestaudio/best", cancellationToken: cancellationToken)
            : await pageMedia.ResolveAsync(url, "bv*+ba/b", settings.MaxResolution is { } cap ? $"res:{cap}" : null, cancellationToken);
        var streams = media.Formats.Select(format => new JobSource(null, format.Url.AbsoluteUri, Headers: format.HttpHeaders)).ToList();
        var probes = await Task.WhenAll(streams.Select(stream => ProbeAsync(stream, maxBytes, cancellationToken)));
        return new DownloadSource(streams, probes, media.Title, media.Subtitles, media.ThumbnailUrl, media.IsLive || probes.Any(DownloadInput.IsLive));
    }

    /// <summary>The source's streams as ffmpeg opens them through <paramref name="relayed"/>: one registration per stream, in order.</summary>
    public static IReadOnlyList<DownloadInput> Inputs(IReadOnlyList<SourceRelayRegistration> relayed, IReadOnlyList<MediaProbe> probes) =>
        [.. relayed.Select((registration, i) => new DownloadInput(registration.Url.AbsoluteUri, probes[i], registration.FfmpegInputArguments))];

    /// <summary>Probes one URL stream through the source relay, reading at most <paramref name="maxBytes"/>.</summary>
    /// <exception cref="InvalidJobInputException"><c>invalid_media</c> when it is not media; <c>url_not_allowed</c> from the relay.</exception>
    public async Task<MediaProbe> ProbeAsync(JobSource source, long? maxBytes, CancellationToken cancellationToken = default)
    {
        using var relayed = relay.Register(new Uri(source.Url!), maxBytes, source.Headers);
        try
        {
            return await relayed.ReadAsync(() => prober.ProbeAsync(relayed.Url.AbsoluteUri, SourceRelay.FfmpegInputArguments, cancellationToken));
        }
        catch (MediaProbeException probeError)
        {
            throw new InvalidJobInputException("invalid_media", probeError.Message, probeError);
        }
    }
}
