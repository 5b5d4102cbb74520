namespace MediaFunctions.Core.Media.Production.Rendering;

/// <summary>One file a production render writes.</summary>
/// <param name="Output">The output entry it is written for.</param>
/// <param name="Format">How it is written.</param>
/// <param name="Path">Where it is written.</param>
/// <param name="ChapterNumber">Which chapter (1-based) it holds when its output is split on chapters; null otherwise.</param>
/// <param name="AddsChapterLinksAndImages">True for an MP3 whose chapter frames get their links and pictures after ffmpeg (<see cref="Id3ChapterFrames"/>).</param>
public sealed record PlannedProductionFile(ProductionOutputFile Output, ProductionFormat Format, string Path, int? ChapterNumber, bool AddsChapterLinksAndImages)
{
    /// <summary>For a <c>tracks</c> output, the files ffmpeg writes to be zipped into <see cref="Path"/>; empty otherwise.</summary>
    public IReadOnlyList<TrackArchiveEntry> TrackEntries { get; init; } = [];
}
