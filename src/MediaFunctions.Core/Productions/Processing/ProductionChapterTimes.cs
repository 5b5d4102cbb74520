using MediaFunctions.Core.Media.Production.Chapters;
using MediaFunctions.Core.Media.Production.Cutting;

namespace MediaFunctions.Core.Productions.Processing;

/// <summary>Moves a production's chapter marks with the cuts made in its main audio, as Auphonic moves them.</summary>
public static class ProductionChapterTimes
{
    /// <summary>
    /// The chapters on the finished audio's time line: a mark after the intro moves earlier by what was cut before it, and a
    /// mark inside a cut moves to where the cut closed. Two marks that end up on one time keep the first.
    /// </summary>
    /// <param name="chapters">The marks as given, in the finished audio's time before cutting (the intro included).</param>
    /// <param name="cuts">What was cut from the main audio, on its own time line.</param>
    /// <param name="intro">The intro's length, which no cut touches.</param>
    public static IReadOnlyList<ProductionChapter> AfterCuts(IReadOnlyList<ProductionChapter> chapters, CutList cuts, TimeSpan intro)
    {
        ArgumentNullException.ThrowIfNull(chapters);
        ArgumentNullException.ThrowIfNull(cuts);
        if (cuts.Spans.Count == 0)
        {
            return chapters;
        }

        var moved = new List<ProductionChapter>(chapters.Count);
        foreach (var chapter in chapters)
        {
            var start = chapter.Start <= intro ? chapter.Start : intro + Kept(cuts, chapter.Start - intro);
            if (moved.Count == 0 || start > moved[^1].Start)
            {
                moved.Add(chapter with { Start = start });
            }
        }

        return moved;
    }

    private static TimeSpan Kept(CutList cuts, TimeSpan time)
    {
        foreach (var span in cuts.Spans.Where(span => span.Contains(time)))
        {
            time = span.End;
        }

        return cuts.MapTime(time) ?? time - cuts.Removed;
    }
}
