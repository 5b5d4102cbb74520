using MediaFunctions.Core.Media.Production.Tagging;

namespace MediaFunctions.Core.Media.Production.Rendering;

/// <summary>The one ffmpeg run that writes every file of a production, and what goes around it.</summary>
/// <param name="Arguments">ffmpeg's argument list (never joined into a command line).</param>
/// <param name="MetadataFiles">The metadata files ffmpeg reads, to be written before it starts.</param>
/// <param name="Files">The files written, in the order of the spec's outputs (a split output's by chapter).</param>
/// <param name="ExpectedDuration">The finished audio's length (intro, main and outro), for progress.</param>
public sealed record ProductionRenderPlan(
    IReadOnlyList<string> Arguments,
    IReadOnlyList<TaggingPlan> MetadataFiles,
    IReadOnlyList<PlannedProductionFile> Files,
    TimeSpan ExpectedDuration);
