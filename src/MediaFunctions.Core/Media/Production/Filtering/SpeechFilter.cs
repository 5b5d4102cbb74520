namespace MediaFunctions.Core.Media.Production.Filtering;

/// <summary>
/// Auphonic's <c>filtering</c>: the clean-up a voice gets before any level is touched, rumble and hum removed
/// (<see cref="HumAndRumbleFilter"/>), then sibilants softened (<see cref="DeEsser"/>).
/// </summary>
/// <remarks>NOTE: hum and rumble go first so their energy does not reach the de-esser's level stages.</remarks>
public static class SpeechFilter
{
    /// <summary>The filtering chain for an input of integrated loudness <paramref name="inputLoudness"/> (LUFS).</summary>
    /// <param name="inputLoudness">The input's integrated loudness, as <c>ebur128</c> measures it before any filter.</param>
    public static string Chain(double inputLoudness) => HumAndRumbleFilter.Chain() + "," + DeEsser.Chain(inputLoudness);
}
