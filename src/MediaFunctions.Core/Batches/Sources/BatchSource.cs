namespace MediaFunctions.Core.Batches.Sources;

/// <summary>
/// What a playlist, feed or list URL holds: the collection's own title, description and image, and
/// its items in the order the source gives them, each a URL a single job can read.
/// </summary>
public sealed record BatchSource(
    BatchSourceKind Kind,
    string? Title,
    string? Description,
    Uri? ImageUrl,
    IReadOnlyList<BatchSourceItem> Items);
