using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Productions.Runs;

namespace MediaFunctions.Core.Productions.Processing;

/// <summary>What <see cref="ProductionAudioProcessor"/> is to do with a production's main audio.</summary>
/// <param name="Loudness">Filtering and the loudness target.</param>
/// <param name="Algorithms">The other algorithms.</param>
/// <param name="SampleRate">The audio's sample rate, which the production keeps.</param>
/// <param name="Channels">The audio's channels as probed.</param>
/// <param name="Duration">The audio's length as probed.</param>
public sealed record ProductionAudioRequest(LoudnessSettings Loudness, ProductionAlgorithms Algorithms, int SampleRate, int Channels, TimeSpan Duration);
