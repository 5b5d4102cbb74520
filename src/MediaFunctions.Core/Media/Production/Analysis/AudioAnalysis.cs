using MediaFunctions.Core.Media.Production.Loudness;

namespace MediaFunctions.Core.Media.Production.Analysis;

/// <summary>What a production measures of an input before rendering it, from <see cref="ProductionAnalysisPass"/>'s one decode.</summary>
/// <param name="Loudness">The input's loudness behind the clean-up and the leveler: what the loudness stage plans from.</param>
/// <param name="Envelope">The input's level over time behind the clean-up (not the leveler, which would flatten the pauses out of it).</param>
public sealed record AudioAnalysis(LoudnessMeasurement Loudness, LevelEnvelope Envelope);
