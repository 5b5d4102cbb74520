namespace MediaFunctions.Core.Batches.Sources;

/// <summary>
/// One item of a <see cref="BatchSource"/>: the URL a single job reads (a media file, a stream or a
/// video page) and what the source says about it; a feed episode's image falls back to the show's.
/// </summary>
public sealed record BatchSourceItem(
    Uri Url,
    string? Title,
    string? Description,
    DateTimeOffset? PublishedAt,
    TimeSpan? Duration,
    Uri? ImageUrl);
