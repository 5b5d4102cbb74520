using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Sources.Pages;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Workflows.Download;

namespace MediaFunctions.Core.Workflows.ExtractAudio;

/// <summary>
/// Finds and probes what an extract-audio job reads: a staged upload, a media URL, or a video site's page
/// (its best audio, with the headers its server wants, and its title to name the files after).
/// </summary>
public sealed class ExtractAudioSourceResolver(
    WebPageDetector webPages,
    PageMediaResolver pages,
    DownloadSourceResolver downloads,
    MediaProber prober,
    SasLinkIssuer links,
    TimeProvider clock)
{
    private static readonly TimeSpan ProbeLinkLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The source as the render reads it, its probe, and a page's title (null for anything else).</summary>
    /// <param name="checkedUrl">A URL source, checked by the URL policy already; null for a staged upload.</param>
    /// <exception cref="InvalidJobInputException"><c>invalid_media</c> when the input is not media; <c>url_not_allowed</c> from the relay.</exception>
    /// <exception cref="NoMediaFoundException">A page with no media, or with video but no audio.</exception>
    public async Task<(JobSource Source, MediaProbe Probe, string? Title)> ResolveAsync(JobSource source, Uri? checkedUrl, long maxSourceBytes,
        CancellationToken cancellationToken = default)
    {
        string? title = null;
        var mediaType = checkedUrl is null ? null : await webPages.GetMediaTypeAsync(checkedUrl, cancellationToken);
        if (checkedUrl is not null && WebPageDetector.IsWebPage(mediaType))
        {
            var media = await pages.ResolveAsync(checkedUrl, "bestaudio/best", cancellationToken: cancellationToken);
            var format = media.Formats.FirstOrDefault(format => format.HasAudio)
                ?? throw new NoMediaFoundException(checkedUrl, "the page has video, but no audio.");
            (source, title, mediaType) = (new JobSource(null, format.Url.AbsoluteUri, Headers: format.HttpHeaders), media.Title, null);
        }

        return (source, await ProbeAsync(source, maxSourceBytes, mediaType, cancellationToken), title);
    }

    private async Task<MediaProbe> ProbeAsync(JobSource source, long maxSourceBytes, string? mediaType, CancellationToken cancellationToken)
    {
        if (source.Url is not null)
        {
            return await downloads.ProbeAsync(source, maxSourceBytes, mediaType, cancellationToken);
        }

        var link = await links.IssueReadLinkAsync(MediaContainers.Inputs, source.InputBlob!, clock.GetUtcNow() + ProbeLinkLifetime,
            cancellationToken: cancellationToken);
        try
        {
            return await prober.ProbeAsync(link.AbsoluteUri, cancellationToken: cancellationToken);
        }
        catch (MediaProbeException probeError)
        {
            throw new InvalidJobInputException("invalid_media", probeError.Message, probeError);
        }
    }
}
