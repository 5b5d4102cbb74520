using MediaFunctions.Core.Media.Production.Cutting;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Rendering;
using MediaFunctions.Core.Media.Production.Speech;

namespace MediaFunctions.Core.Productions.Processing;

/// <summary>What <see cref="MultitrackAudioProcessor"/> made of a multitrack production's tracks.</summary>
/// <param name="Tracks">The tracks as the render mixes them: each with its clean-up chain and its gain.</param>
/// <param name="Master">The master's leveler and loudness stage, applied to the cut mix.</param>
/// <param name="Cuts">What the cutters remove from every track, on the mix's time line.</param>
/// <param name="Transcript">What was said in the mix, on its time line; null without speech recognition.</param>
/// <param name="Warnings">What was asked for and could not be applied, and why.</param>
public sealed record ProcessedMultitrackAudio(
    IReadOnlyList<ProductionRenderTrack> Tracks, LoudnessPlan Master, CutList Cuts, Transcript? Transcript, IReadOnlyList<string> Warnings);
