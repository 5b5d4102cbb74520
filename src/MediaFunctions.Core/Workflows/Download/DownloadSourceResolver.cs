using System.Collections.Frozen;
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
    // What servers call MP3: the registered type, and the unregistered ones still about.
    private static readonly FrozenSet<string> Mp3MediaTypes = FrozenSet.Create(StringComparer.Ordinal,
        "audio/mpeg", "audio/mp3", "audio/mpeg3", "audio/x-mpeg", "audio/x-mp3", "audio/x-mpeg-3");

    /// <param name="url">Checked by the URL policy already.</param>
    /// <exception cref="InvalidJobInputException"><c>invalid_media</c> when a stream is not media; <c>url_not_allowed</c> from the relay.</exception>
    /// <exception cref="NoMediaFoundException">A page yt-dlp finds no media on.</exception>
    public async Task<DownloadSource> ResolveAsync(Uri url, DownloadSettings settings, long? maxBytes, CancellationToken cancellationToken = default)
    {
        var mediaType = await pages.GetMediaTypeAsync(url, cancellationToken);
        if (!WebPageDetector.IsWebPage(mediaType))
        {
            var source = JobSource.FromUrl(url);
            var probe = await ProbeAsync(source, maxBytes, mediaType, cancellationToken);
            return new DownloadSource([source], [probe], null, [], null, DownloadInput.IsLive(probe));
        }

        // yt-dlp's "res" is the shorter side, as max_resolution is.
        var media = settings.AudioOnly
            ? await pageMedia.ResolveAsync(url, "bestaudio/best", cancellationToken: cancellationToken)
            : await pageMedia.ResolveAsync(url, "bv*+ba/b", settings.MaxResolution is { } cap ? $"res:{cap}" : null, cancellationToken);
        var streams = media.Formats.Select(format => new JobSource(null, format.Url.AbsoluteUri, Headers: format.HttpHeaders)).ToList();
        var probes = await Task.WhenAll(streams.Select(stream => ProbeAsync(stream, maxBytes, mediaType: null, cancellationToken)));
        return new DownloadSource(streams, probes, media.Title, media.Subtitles, media.ThumbnailUrl, media.IsLive || probes.Any(DownloadInput.IsLive));
    }

    /// <summary>The source's streams as ffmpeg opens them through <paramref name="relayed"/>: one registration per stream, in order.</summary>
    public static IReadOnlyList<DownloadInput> Inputs(IReadOnlyList<SourceRelayRegistration> relayed, IReadOnlyList<MediaProbe> probes) =>
        [.. relayed.Select((registration, i) => new DownloadInput(registration.Url.AbsoluteUri, probes[i],
            [.. registration.FfmpegInputArguments, .. probes[i].AnalysisArguments]))];

    /// <summary>
    /// Probes one URL stream through the source relay, reading at most <paramref name="maxBytes"/>. What its server says
    /// is MP3 is probed from its first frame, and kept so if the frame counts the stream's frames
    /// (<see cref="MediaProbe.FrameCountInHeader"/>); anything else, in full.
    /// </summary>
    /// <param name="mediaType">The content type the URL answered with, when known.</param>
    /// <exception cref="InvalidJobInputException"><c>invalid_media</c> when it is not media; <c>url_not_allowed</c> from the relay.</exception>
    public async Task<MediaProbe> ProbeAsync(JobSource source, long? maxBytes, string? mediaType, CancellationToken cancellationToken = default)
    {
        using var relayed = relay.Register(new Uri(source.Url!), maxBytes, source.Headers);
        try
        {
            if (mediaType is not null && Mp3MediaTypes.Contains(mediaType))
            {
                var firstFrame = await ProbeAsync(relayed, MediaProbe.OnePacketAnalysisArguments, cancellationToken);
                if (firstFrame.FormatNames.Contains("mp3") && Mp3FrameCountTag.IsIn((first, count) => relay.ReadHeld(relayed, first, count)))
                {
                    return firstFrame with { FrameCountInHeader = true };
                }
            }

            // What the first frame's probe read is held by the relay: probing in full reads on from there.
            return await ProbeAsync(relayed, [], cancellationToken);
        }
        catch (MediaProbeException probeError)
        {
            throw new InvalidJobInputException("invalid_media", probeError.Message, probeError);
        }
    }

    private Task<MediaProbe> ProbeAsync(SourceRelayRegistration relayed, IReadOnlyList<string> analysisArguments, CancellationToken cancellationToken) =>
        relayed.ReadAsync(() => prober.ProbeAsync(relayed.Url.AbsoluteUri, [.. SourceRelay.FfmpegInputArguments, .. analysisArguments], cancellationToken));
}
