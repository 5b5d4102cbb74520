namespace MediaFunctions.Core.Sources.Pages;

/// <summary>
/// One entry of a <see cref="PagePlaylist"/>: the URL a single job reads it from (the entry's own page,
/// or its media file when the entry is media embedded in the listed page) and what yt-dlp says about it.
/// </summary>
public sealed record PagePlaylistEntry(
    Uri Url,
    string? Title,
    string? Description,
    DateTimeOffset? PublishedAt,
    TimeSpan? Duration,
    Uri? ThumbnailUrl);
