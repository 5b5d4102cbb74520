namespace MediaFunctions.Core.Sources.Pages;

/// <summary>What yt-dlp found on a web page: the chosen media streams (one, or video and audio to merge) and their description.</summary>
public sealed record PageMedia(
    Uri PageUrl,
    string? Title,
    TimeSpan? Duration,
    bool IsLive,
    Uri? ThumbnailUrl,
    IReadOnlyList<PageMediaFormat> Formats,
    IReadOnlyList<PageSubtitle> Subtitles);
