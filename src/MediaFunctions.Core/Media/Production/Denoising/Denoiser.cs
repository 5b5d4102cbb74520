using System.Globalization;

namespace MediaFunctions.Core.Media.Production.Denoising;

/// <summary>
/// Auphonic's <c>denoise</c> with <c>denoiseamount</c>: lowers steady broadband noise (hiss, fans) by a number of
/// decibels, with ffmpeg's spectral <c>afftdn</c>.
/// </summary>
/// <remarks>
/// <c>afftdn</c> removes only what lies under its noise floor (<c>nf</c>), and its own noise tracking
/// (<c>tn=1</c>) measured 0.5 dB of reduction on speech in noise: the floor must be told. Told the level of the
/// pauses plus <see cref="FloorMarginDecibels"/>, it takes the asked reduction off white noise to the tenth of a
/// decibel and leaves the speech within 0.3 dB. NOTE: its floor is the same in every band, so noise that falls
/// with frequency (pink, brown) is lowered by 2–3 dB only, where its low bands exceed that floor.
/// </remarks>
public static class Denoiser
{
    /// <summary>The reduction of <c>denoiseamount</c> 0 (automatic): ≥ 10 dB, as much as leaves speech untouched.</summary>
    public const double AutomaticReductionDecibels = 12;

    /// <summary>The largest <c>denoiseamount</c> the API accepts; 100 means as much as possible.</summary>
    public const double MaxAmountDecibels = 100;

    /// <summary>
    /// <c>afftdn</c>'s largest reduction (<c>nr</c>): asked for it, it lowered white noise at 15 dB SNR by 41 dB,
    /// where its floor stops it.
    /// </summary>
    public const double MaxReductionDecibels = 97;

    /// <summary>
    /// Added to the asked amount: <c>afftdn</c> reaches its <c>nr</c> exactly on steady noise, so 1 dB more makes the
    /// floor drop at least by the amount asked where the noise moves a little.
    /// </summary>
    public const double ReductionMarginDecibels = 1;

    /// <summary>
    /// The noise floor handed to <c>afftdn</c> sits this far over the pauses' RMS: at the RMS itself it removes
    /// 10 of 12 dB asked, 4 dB or more over it the full 12, and at 20 dB over it starts to take the voice (−0.8 dB).
    /// </summary>
    public const double FloorMarginDecibels = 5;

    /// <summary>The lowest noise floor <c>afftdn</c> takes (dBFS).</summary>
    public const double MinFloorDecibels = -80;

    /// <summary>The highest noise floor <c>afftdn</c> takes (dBFS).</summary>
    public const double MaxFloorDecibels = -20;

    /// <summary>The denoising chain.</summary>
    /// <param name="amountDecibels">Auphonic's <c>denoiseamount</c>: the reduction in dB, 0 for automatic, 100 for as much as possible.</param>
    /// <param name="noiseFloorDecibels">
    /// The RMS level (dBFS) of the input's pauses, from the production's level analysis: required, as <c>afftdn</c>
    /// cannot find it reliably itself.
    /// </param>
    public static string Chain(double amountDecibels, double noiseFloorDecibels)
    {
        if (!(amountDecibels is >= 0 and <= MaxAmountDecibels))
        {
            throw new ArgumentOutOfRangeException(nameof(amountDecibels), amountDecibels, $"denoiseamount must be between 0 and {MaxAmountDecibels} dB.");
        }

        if (!double.IsFinite(noiseFloorDecibels))
        {
            throw new ArgumentOutOfRangeException(nameof(noiseFloorDecibels), noiseFloorDecibels, "The noise floor must be a finite dBFS level.");
        }

        var reduction = Math.Min(amountDecibels == 0 ? AutomaticReductionDecibels : amountDecibels + ReductionMarginDecibels, MaxReductionDecibels);
        var floor = Math.Clamp(noiseFloorDecibels + FloorMarginDecibels, MinFloorDecibels, MaxFloorDecibels);
        return string.Create(CultureInfo.InvariantCulture, $"afftdn=nr={reduction:0.##}:nf={floor:0.##}");
    }
}
