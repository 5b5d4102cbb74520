using MediaFunctions.Core.Media.Production.Cutting;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Speech;

namespace MediaFunctions.Core.Productions.Processing;

/// <summary>What <see cref="ProductionAudioProcessor"/> made of a production's main audio.</summary>
/// <param name="ProcessedPath">The cleaned-up, levelled audio as 24-bit FLAC; null unless the denoiser ran (then the render runs the whole chain from the input).</param>
/// <param name="ProcessedPlan">The rest of the way from <paramref name="ProcessedPath"/> (or from the input, when that is null): the cuts, the gain, the limiter.</param>
/// <param name="InputPlan">The whole way from the input, for a render that must read the input itself (a video output copies its picture).</param>
/// <param name="Channels">The audio's channels after processing (a dual-mono input becomes mono).</param>
/// <param name="Cuts">What the cutters removed, on the input's time line.</param>
/// <param name="Transcript">What was said, on the input's time line; null without speech recognition.</param>
/// <param name="Warnings">What was asked for and could not be applied, and why.</param>
public sealed record ProcessedProductionAudio(
    string? ProcessedPath, LoudnessPlan ProcessedPlan, LoudnessPlan InputPlan, int Channels, CutList Cuts, Transcript? Transcript, IReadOnlyList<string> Warnings);
