using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Sources.Pages;

namespace MediaFunctions.Core.Workflows.Download;

/// <summary>What a download's URL leads to: the media streams to read (one, or a video site's video and audio apart) and what came with them.</summary>
/// <param name="Streams">Read in place through the source relay, each with the headers its server wants.</param>
/// <param name="Probes">The probe of each stream, in the same order.</param>
/// <param name="Title">A page's title, which names the file unless the request does.</param>
/// <param name="Subtitles">Subtitle tracks a page offers.</param>
/// <param name="ThumbnailUrl">A page's thumbnail.</param>
/// <param name="IsLive">A live stream: recorded until it ends or max_duration.</param>
public sealed record DownloadSource(
    IReadOnlyList<JobSource> Streams,
    IReadOnlyList<MediaProbe> Probes,
    string? Title,
    IReadOnlyList<PageSubtitle> Subtitles,
    Uri? ThumbnailUrl,
    bool IsLive);
