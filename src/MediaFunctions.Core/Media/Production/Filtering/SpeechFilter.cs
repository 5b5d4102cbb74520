namespace MediaFunctions.Core.Media.Production.Filtering;

/// <summary>
/// Auphonic's <c>filtering</c>: the clean-up a voice gets before any level is touched, rumble and hum removed
/// (<see cref="HumAndRumbleFilter"/>), then sibilants softened (<see cref="DeEsser"/>).
/// </summary>
/// <remarks>NOTE: hum and rumble go first so their energy does not reach the de-esser's level stages.</remarks>
public static class SpeechFilter
{
    /// <summary>The filtering chain for an input of the given loudness and true peak.</summary>
    /// <param name="inputLoudness">The input's integrated loudness (LUFS), as <c>ebur128</c> measures it before any filter.</param>
    /// <param name="inputTruePeak">The input's true peak (dBTP), from the same measurement.</param>
    public static string Chain(double inputLoudness, double inputTruePeak) =>
        HumAndRumbleFilter.Chain() + "," + DeEsser.Chain(inputLoudness, inputTruePeak);
}
