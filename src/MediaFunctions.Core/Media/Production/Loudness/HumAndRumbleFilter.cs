using System.Globalization;

namespace MediaFunctions.Core.Media.Production.Loudness;

/// <summary>
/// Auphonic's <c>filtering</c>: removes rumble and mains hum below the voice with filters the service's lean
/// ffmpeg build has (<c>highpass</c>, <c>lowpass</c>, <c>asplit</c>, <c>amix</c>; it has no <c>bandreject</c>).
/// </summary>
/// <remarks>
/// Two cascaded 2-pole high-passes at <see cref="HighPassHz"/> take about 32 dB off 30 Hz rumble and 0.2 dB off
/// 200 Hz. A notch is the sum of a low-pass and a high-pass with the same centre and width: their biquads share
/// a denominator and their numerators add up to the notch's (1 − 2cos ω₀ z⁻¹ + z⁻²), so it is exact, not an
/// approximation.
/// NOTE: both mains families are notched rather than detecting which one is present: detection would need a
/// spectral analysis the loudness pass does not make, and a 4 Hz wide notch where there is no hum costs an
/// inaudible sliver below the voice band.
/// </remarks>
public static class HumAndRumbleFilter
{
    /// <summary>The high-pass corner: under a male voice's fundamental (85 Hz and up), over rumble.</summary>
    public const double HighPassHz = 75;

    /// <summary>Mains frequencies: 50 Hz (Europe, Asia, Africa) and 60 Hz (the Americas).</summary>
    public static readonly IReadOnlyList<double> MainsHz = [50, 60];

    /// <summary>The fundamental and the harmonics notched: 50/100/150 Hz and 60/120/180 Hz.</summary>
    public const int NotchedHarmonics = 3;

    /// <summary>Each notch's −3 dB width in Hz: narrow enough to leave 200 Hz within 0.1 dB.</summary>
    public const double NotchWidthHz = 4;

    /// <summary>The filter chain, one input and one output, for an <c>-af</c> or a longer chain.</summary>
    public static string Chain()
    {
        var highPass = string.Create(CultureInfo.InvariantCulture, $"highpass=f={HighPassHz}:poles=2");
        var notches = MainsHz
            .SelectMany(mains => Enumerable.Range(1, NotchedHarmonics).Select(harmonic => mains * harmonic))
            .Order()
            .Select(Notch);
        return string.Join(',', [highPass, highPass, .. notches]);
    }

    private static string Notch(double hz) => string.Create(CultureInfo.InvariantCulture,
        $"asplit[hum{hz}l][hum{hz}h];" +
        $"[hum{hz}l]lowpass=f={hz}:width_type=h:width={NotchWidthHz}[hum{hz}lo];" +
        $"[hum{hz}h]highpass=f={hz}:width_type=h:width={NotchWidthHz}[hum{hz}ho];" +
        $"[hum{hz}lo][hum{hz}ho]amix=inputs=2:normalize=0");
}
