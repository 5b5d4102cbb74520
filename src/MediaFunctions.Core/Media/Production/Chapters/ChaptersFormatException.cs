using System.Globalization;

namespace MediaFunctions.Core.Media.Production.Chapters;

/// <summary>
/// Thrown for chapter marks that cannot be used. The message is fit for the <c>chapters</c> field's
/// <c>form_errors</c>: it names the line of a chapters file (when there is one) and what is wrong with it.
/// </summary>
public sealed class ChaptersFormatException : FormatException
{
    private ChaptersFormatException(int? line, string problem)
        : base(line is { } number ? string.Create(CultureInfo.InvariantCulture, $"Line {number}: {problem}") : problem)
    {
        Line = line;
        Problem = problem;
    }

    /// <summary>The 1-based line of the chapters file, or null for chapters given as JSON.</summary>
    public int? Line { get; }

    /// <summary>What is wrong, without the line number.</summary>
    public string Problem { get; }

    internal static ChaptersFormatException BadTime(int? line, string text) =>
        new(line, $"'{text}' is not a chapter start: write HH:MM:SS, H:MM:SS or MM:SS, optionally with .mmm milliseconds.");

    internal static ChaptersFormatException EmptyTitle(int? line) =>
        new(line, "the chapter has no title.");

    internal static ChaptersFormatException BadLink(int? line, string field, string text) =>
        new(line, $"the chapter's {field} '{text}' is not an absolute http(s) URL.");

    internal static ChaptersFormatException NotIncreasing(int? line, int chapter, TimeSpan start, TimeSpan previousStart) =>
        new(line, string.Create(CultureInfo.InvariantCulture,
            $"chapter {chapter} starts at {ChapterFields.Format(start)}, not after the chapter before it ({ChapterFields.Format(previousStart)})."));
}
