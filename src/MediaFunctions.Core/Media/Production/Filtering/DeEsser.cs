using System.Globalization;

namespace MediaFunctions.Core.Media.Production.Filtering;

/// <summary>
/// Auphonic's de-essing, part of <c>filtering</c>: takes the edge off sibilants ("s", "sh") without dulling the voice.
/// </summary>
/// <remarks>
/// ffmpeg's <c>deesser</c> detects sibilance against a fixed threshold, so the same recording de-essed 6 dB louder
/// loses twice as much treble and its voice band too, and 15 dB quieter it is not de-essed at all. The chain
/// therefore brings the input to <see cref="ReferenceLoudness"/>, de-esses, and restores the level: the
/// <see cref="Intensity"/> measured at that loudness takes 6.8 dB off the 5–10 kHz band of a sibilant-heavy
/// sentence and 0.2 dB off its 200 Hz–3.5 kHz voice band, whatever the input's level. The two volume stages cost
/// next to nothing.
/// WARNING: the <c>deesser</c> diverges (peaks of +60 dBFS and more) once its input peaks a few dB over full scale (+6 dBFS in our measurements), so the
/// gain before it never lifts the input's true peak over <see cref="MaxPeakIntoDeEsser"/>; an input that peaks that
/// high for its loudness is de-essed less.
/// </remarks>
public static class DeEsser
{
    /// <summary>
    /// The loudness (LUFS) the de-esser's intensity was measured at: low enough that speech peaks (15–20 dB over its
    /// loudness) stay well under full scale, where the <c>deesser</c> is stable.
    /// </summary>
    public const double ReferenceLoudness = -30;

    /// <summary>
    /// The <c>deesser</c> intensity at <see cref="ReferenceLoudness"/>: 0.85 takes 5.6 dB off the sibilants, 1 takes
    /// 9 dB but 0.45 dB off the voice band; 0.9 clears 4 dB with a margin and keeps the voice within 0.3 dB.
    /// </summary>
    public const double Intensity = 0.9;

    /// <summary>The highest true peak (dBTP) the gain before the <c>deesser</c> may lift the input to.</summary>
    public const double MaxPeakIntoDeEsser = -1;

    /// <summary>The de-essing chain for an input of the given loudness and true peak.</summary>
    /// <param name="inputLoudness">The input's integrated loudness (LUFS), as <c>ebur128</c> measures it before any filter.</param>
    /// <param name="inputTruePeak">The input's true peak (dBTP), from the same measurement.</param>
    public static string Chain(double inputLoudness, double inputTruePeak)
    {
        if (!double.IsFinite(inputLoudness))
        {
            throw new ArgumentOutOfRangeException(nameof(inputLoudness), inputLoudness, "The input loudness must be a finite LUFS value.");
        }

        if (!double.IsFinite(inputTruePeak))
        {
            throw new ArgumentOutOfRangeException(nameof(inputTruePeak), inputTruePeak, "The input true peak must be a finite dBTP value.");
        }

        var gain = Math.Min(ReferenceLoudness - inputLoudness, MaxPeakIntoDeEsser - inputTruePeak);
        return string.Create(CultureInfo.InvariantCulture, $"volume={gain:0.###}dB,deesser=i={Intensity},volume={-gain:0.###}dB");
    }
}
