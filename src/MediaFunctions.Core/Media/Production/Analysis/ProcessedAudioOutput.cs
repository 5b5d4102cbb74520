namespace MediaFunctions.Core.Media.Production.Analysis;

/// <summary>Where <see cref="ProductionAnalysisPass"/> keeps the audio it measured, for the render to read instead of the input.</summary>
/// <param name="Path">The 24-bit FLAC file to write.</param>
/// <param name="HeadroomDecibels">How far under its level it is kept, so nothing over full scale clips in the integer samples.</param>
public sealed record ProcessedAudioOutput(string Path, double HeadroomDecibels);
