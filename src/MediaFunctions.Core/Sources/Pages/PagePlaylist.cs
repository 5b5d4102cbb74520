namespace MediaFunctions.Core.Sources.Pages;

/// <summary>
/// What yt-dlp lists on a playlist, channel or multi-video page without visiting each entry
/// (<c>--flat-playlist</c>): the page's description and its entries in page order; <see cref="TotalCount"/>
/// is the site's own count of the whole playlist when it gives one (it may be more than were listed).
/// </summary>
public sealed record PagePlaylist(
    Uri PageUrl,
    string? Title,
    string? Description,
    Uri? ThumbnailUrl,
    int? TotalCount,
    IReadOnlyList<PagePlaylistEntry> Entries);
