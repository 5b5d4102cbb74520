using System.Globalization;

namespace MediaFunctions.Core.Media.Production.Leveling;

/// <summary>
/// Auphonic's <c>leveler</c> with <c>levelerstrength</c>: brings speakers recorded at different levels to one level,
/// with ffmpeg's <c>dynaudnorm</c>, without pumping a music bed.
/// </summary>
/// <remarks>
/// <c>dynaudnorm</c> sets a gain per <see cref="FrameMilliseconds"/> frame towards <see cref="TargetRms"/> and
/// smooths the gains over <see cref="GaussianFrames"/> frames (2.2 s): short enough to follow a change of speaker
/// within a second, long enough that beats and syllables never move the gain, so a music bed keeps its loudness
/// range (<c>speechnorm</c>, which follows every half-wave's peak, quadrupled it). The input is first
/// brought to <see cref="ReferenceLoudness"/> so the target and the threshold sit where the voices are, whatever
/// the recording's level. The chain's output level is the leveler's; the loudness stage after it sets the final
/// one.
/// </remarks>
public static class Leveler
{
    /// <summary>The largest <c>levelerstrength</c> (full levelling).</summary>
    public const double MaxStrength = 100;

    /// <summary>The loudness (LUFS) the input is brought to before levelling.</summary>
    public const double ReferenceLoudness = -23;

    /// <summary>
    /// The most a quiet passage is lifted at full strength: a speaker 20 dB under the other still reaches them.
    /// <c>levelerstrength</c> scales it, so at 50 a quiet speaker is lifted by 10 dB at most.
    /// </summary>
    public const double MaxLiftDecibels = 20;

    /// <summary>The frame the gain is measured on, in ms.</summary>
    public const int FrameMilliseconds = 200;

    /// <summary>
    /// The gains are smoothed over this many frames: 11 × 200 ms brings alternating speakers within 0.8 dB, where
    /// 15 × 250 ms left 3.1 dB in 4 s turns.
    /// </summary>
    public const int GaussianFrames = 11;

    /// <summary>The RMS (linear, full scale) each frame is levelled to: −20 dBFS, speech at <see cref="ReferenceLoudness"/>.</summary>
    public const double TargetRms = 0.1;

    /// <summary>
    /// Frames quieter than this (linear, −45 dBFS after the reference gain) are pauses and are left unlifted, so the
    /// noise of a long pause does not swell.
    /// </summary>
    public const double PauseThreshold = 0.0056;

    /// <summary>The levelling chain; null at strength 0 (no levelling).</summary>
    /// <param name="strength">Auphonic's <c>levelerstrength</c>, 0–100.</param>
    /// <param name="inputLoudness">The input's integrated loudness (LUFS), as <c>ebur128</c> measures it before any filter.</param>
    public static string? Chain(double strength, double inputLoudness)
    {
        if (!(strength is >= 0 and <= MaxStrength))
        {
            throw new ArgumentOutOfRangeException(nameof(strength), strength, $"levelerstrength must be between 0 and {MaxStrength}.");
        }

        if (!double.IsFinite(inputLoudness))
        {
            throw new ArgumentOutOfRangeException(nameof(inputLoudness), inputLoudness, "The input loudness must be a finite LUFS value.");
        }

        if (strength == 0)
        {
            return null;
        }

        var maxGain = Math.Pow(10, strength / MaxStrength * MaxLiftDecibels / 20);
        return string.Create(CultureInfo.InvariantCulture,
            $"volume={ReferenceLoudness - inputLoudness:0.###}dB,dynaudnorm=f={FrameMilliseconds}:g={GaussianFrames}:r={TargetRms}:m={maxGain:0.###}:t={PauseThreshold}");
    }
}
