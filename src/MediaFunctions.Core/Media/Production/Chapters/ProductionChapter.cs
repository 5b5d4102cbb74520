namespace MediaFunctions.Core.Media.Production.Chapters;

/// <summary>
/// A chapter mark of a production: where it starts, its title, and the link and picture a podcast player may
/// show beside it. It ends where the next one starts (the last at the end of the media).
/// </summary>
public sealed record ProductionChapter(TimeSpan Start, string Title, Uri? Url, Uri? Image = null)
{
    /// <summary>
    /// A chapter from the fields of the API's JSON form (<c>{"start": "00:02:18", "title": "…", "url": "…", "image": "…"}</c>),
    /// checked as strictly as a line of a chapters file.
    /// </summary>
    /// <exception cref="ChaptersFormatException">A field is missing or malformed; the message names it.</exception>
    public static ProductionChapter FromFields(string? start, string? title, string? url = null, string? image = null) =>
        new(ChapterFields.Start(start, line: null),
            ChapterFields.Title(title, line: null),
            ChapterFields.Link(url, "url", line: null),
            ChapterFields.Link(image, "image", line: null));

    /// <summary>Checks that each chapter starts after the one before it, as players and every container expect.</summary>
    /// <exception cref="ChaptersFormatException">A chapter starts at or before its predecessor; the message gives its position (1-based).</exception>
    public static void EnsureIncreasing(IReadOnlyList<ProductionChapter> chapters)
    {
        ArgumentNullException.ThrowIfNull(chapters);
        for (var i = 1; i < chapters.Count; i++)
        {
            if (chapters[i].Start <= chapters[i - 1].Start)
            {
                throw ChaptersFormatException.NotIncreasing(line: null, i + 1, chapters[i].Start, chapters[i - 1].Start);
            }
        }
    }
}
