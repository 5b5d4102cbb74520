using System.Globalization;

namespace MediaFunctions.Core.Media.Production.Filtering;

/// <summary>
/// Auphonic's <c>filtering</c>: removes rumble and mains hum below the voice.
/// </summary>
/// <remarks>
/// Two cascaded 2-pole high-passes at <see cref="HighPassHz"/> take about 32 dB off 30 Hz rumble and 0.2 dB off
/// 200 Hz. Each notch is one <c>bandreject</c> biquad: the whole chain is eight biquads, a small part of a render.
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

    private static string Notch(double hz) => string.Create(CultureInfo.InvariantCulture, $"bandreject=f={hz}:width_type=h:width={NotchWidthHz}");
}
