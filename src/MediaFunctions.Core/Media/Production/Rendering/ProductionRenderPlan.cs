using MediaFunctions.Core.Media.Production.Multitrack;
using MediaFunctions.Core.Media.Production.Tagging;

namespace MediaFunctions.Core.Media.Production.Rendering;

/// <summary>The one ffmpeg run that writes every file of a production, and what goes around it.</summary>
/// <param name="Arguments">ffmpeg's argument list (never joined into a command line).</param>
/// <param name="MetadataFiles">The metadata files ffmpeg reads, to be written before it starts.</param>
/// <param name="Files">The files written, in the order of the spec's outputs (a split output's by chapter).</param>
/// <param name="ExpectedDuration">The finished audio's length (intro, main and outro), for progress.</param>
/// <param name="OffloadedEncoders">Second ffmpeg runs, each encoding one file from a FIFO the first writes; empty when it writes every file itself.</param>
public sealed record ProductionRenderPlan(
    IReadOnlyList<string> Arguments,
    IReadOnlyList<TaggingPlan> MetadataFiles,
    IReadOnlyList<PlannedProductionFile> Files,
    TimeSpan ExpectedDuration,
    IReadOnlyList<OffloadedEncoder> OffloadedEncoders)
{
    /// <summary>A multitrack production's track gains, each to be written to its file before ffmpeg starts; empty otherwise.</summary>
    public IReadOnlyList<TrackGainFile> GainFiles { get; init; } = [];
}

/// <summary>A track's gain over time and the file ffmpeg reads it from (<see cref="TrackGain.WriteAsync"/>).</summary>
/// <param name="Gain">The gain.</param>
/// <param name="Path">Where it is written; deleted after the render.</param>
public sealed record TrackGainFile(TrackGain Gain, string Path);

/// <summary>An ffmpeg run that encodes one file of a production from the raw samples the main run writes into <paramref name="FifoPath"/>.</summary>
/// <param name="FifoPath">The FIFO to make before either run starts.</param>
/// <param name="Arguments">Its argument list.</param>
public sealed record OffloadedEncoder(string FifoPath, IReadOnlyList<string> Arguments);
