namespace MediaFunctions.Core.Media.Production.Chapters;

/// <summary>
/// Reads the chapters file of Auphonic's API: one chapter a line, <c>HH:MM:ss[.mmm] title &lt;url&gt;</c>, the
/// link optional. Spaces around the parts and blank lines are forgiven; times, titles and links are not.
/// </summary>
public static class ChaptersFile
{
    /// <summary>The chapters in file order, each starting after the one before.</summary>
    /// <exception cref="ChaptersFormatException">The first line that cannot be used, with its number and what is wrong.</exception>
    public static IReadOnlyList<ProductionChapter> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chapters = new List<ProductionChapter>();
        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var chapter = ParseLine(line, i + 1);
            if (chapters.Count > 0 && chapter.Start <= chapters[^1].Start)
            {
                throw ChaptersFormatException.NotIncreasing(i + 1, chapters.Count + 1, chapter.Start, chapters[^1].Start);
            }

            chapters.Add(chapter);
        }

        return chapters;
    }

    private static ProductionChapter ParseLine(string line, int number)
    {
        var timeEnd = line.IndexOfAny([' ', '\t']);
        var time = timeEnd < 0 ? line : line[..timeEnd];
        var rest = timeEnd < 0 ? "" : line[timeEnd..].Trim();
        string? url = null;
        var linkStart = rest.LastIndexOf('<');
        if (rest.EndsWith('>') && linkStart >= 0)
        {
            url = rest[(linkStart + 1)..^1];
            rest = rest[..linkStart];
        }

        return new ProductionChapter(
            ChapterFields.Start(time, number),
            ChapterFields.Title(rest, number),
            ChapterFields.Link(url, "url", number));
    }
}
