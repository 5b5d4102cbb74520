using System.Globalization;
using MediaFunctions.Core.Media.Production.Filtering;

namespace MediaFunctions.Core.Media.Production.Loudness;

/// <summary>
/// Plans the loudness stage from a measurement: a linear gain to the target and, only when that gain would
/// lift the true peak over <see cref="LoudnessSettings.MaxPeak"/>, a limiter run at 192 kHz so it holds
/// true peaks rather than sample peaks. Pure: no I/O.
/// </summary>
/// <remarks>
/// NOTE: not ffmpeg's <c>loudnorm</c>: in linear mode it is this same gain, and where the gain would break the
/// peak ceiling (or the loudness range exceeds its target) it silently switches to its dynamic mode, which
/// rides the level and misses the target by up to a few LU. Limiting lowers the loudness a little, so a plan
/// that limits is measured again and <see cref="Refine"/>d (see <see cref="LoudnessAnalyser"/>).
/// </remarks>
public static class LoudnessPlanner
{
    /// <summary>The rate ebur128 measures true peaks at (4× 48 kHz); the limiter sees the same samples.</summary>
    public const int TruePeakSampleRate = 192_000;

    /// <summary>Headroom under MaxPeak for the limiter, for the peaks the resampler back to the output rate adds.</summary>
    public const double LimiterMarginDecibels = 0.2;

    /// <summary>
    /// Room the limiter leaves under that for a lossy output's gain and its encoder's overshoot
    /// (<see cref="Rendering.EncoderLoudnessCalibrator"/>): MP3 and AAC at podcast bit rates take up to about half a LU away,
    /// which a file held at the ceiling could not get back.
    /// </summary>
    public const double EncoderRoomDecibels = 1.5;

    /// <summary>The lowest ceiling the limiter holds (its <c>limit</c> option's minimum, −24 dBFS).</summary>
    public const double MinLimiterCeiling = -24;

    /// <summary>Plans the loudness stage behind the settings' own clean-up filters (<see cref="PreLoudnessFilter"/>).</summary>
    /// <exception cref="ProductionSettingsException">A setting is out of range.</exception>
    public static LoudnessPlan Plan(LoudnessSettings settings, LoudnessMeasurement measurement, int sampleRate) =>
        Plan(settings, measurement, sampleRate, PreLoudnessFilter(settings));

    /// <summary>Plans the loudness stage behind <paramref name="preLoudness"/>, the filters <paramref name="measurement"/> was made behind.</summary>
    /// <exception cref="ProductionSettingsException">A setting is out of range.</exception>
    public static LoudnessPlan Plan(LoudnessSettings settings, LoudnessMeasurement measurement, int sampleRate, string? preLoudness)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(measurement);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        settings.ThrowIfInvalid();
        if (!settings.NormLoudness || !measurement.HasLoudness)
        {
            return new LoudnessPlan(settings, preLoudness, 0, null, sampleRate);
        }

        var gain = settings.LoudnessTarget - measurement.IntegratedLoudness;
        var ceiling = LimiterCeiling(settings, measurement.TruePeak + gain);
        return new LoudnessPlan(settings, preLoudness, gain, ceiling, sampleRate) { ExpectedTruePeak = ceiling ?? measurement.TruePeak + gain };
    }

    /// <summary>
    /// Corrects a plan by what its render measured: the loudness the limiter took away is added to the gain
    /// before the limiter.
    /// </summary>
    /// <param name="plan">The plan as measured.</param>
    /// <param name="rendered">What it measured.</param>
    /// <param name="previous">The refinement before, at another gain: then the step is scaled by how much the loudness rose per
    /// dB of gain between the two, since a limiter that holds the peaks lets less than each dB through and plain steps would
    /// only creep up on the target. Null for a plain step.</param>
    public static LoudnessPlan Refine(LoudnessPlan plan, LoudnessMeasurement rendered, (double GainDecibels, double Loudness)? previous = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rendered);
        if (!plan.Settings.NormLoudness || !rendered.HasLoudness)
        {
            return plan;
        }

        var slope = 1.0;
        if (previous is { } before && Math.Abs(plan.GainDecibels - before.GainDecibels) > 0.01)
        {
            // At least a quarter, so a measurement's noise cannot send the gain far.
            slope = Math.Clamp((rendered.IntegratedLoudness - before.Loudness) / (plan.GainDecibels - before.GainDecibels), 0.25, 1);
        }

        return plan with { GainDecibels = plan.GainDecibels + (plan.Settings.LoudnessTarget - rendered.IntegratedLoudness) / slope };
    }

    /// <summary>The filters measured and rendered before the loudness stage; null when none.</summary>
    public static string? PreLoudnessFilter(LoudnessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Filtering ? HumAndRumbleFilter.Chain() : null;
    }

    internal static string? Chain(LoudnessPlan plan)
    {
        var stages = new List<string>();
        if (plan.PreLoudnessFilter is { } preLoudness)
        {
            stages.Add(preLoudness);
        }

        if (plan.GainDecibels != 0)
        {
            stages.Add(string.Create(CultureInfo.InvariantCulture, $"volume={plan.GainDecibels:0.###}dB"));
        }

        if (plan.LimiterCeiling is { } ceiling)
        {
            // level=0: alimiter otherwise raises its output to the ceiling; latency=1 removes its lookahead delay.
            stages.Add(string.Create(CultureInfo.InvariantCulture,
                $"aresample={TruePeakSampleRate},alimiter=limit={Math.Pow(10, ceiling / 20):0.#####}:attack=5:release=50:level=0:latency=1,aresample={plan.SampleRate}"));
        }

        return stages.Count == 0 ? null : string.Join(',', stages);
    }

    private static double? LimiterCeiling(LoudnessSettings settings, double peakAfterGain)
    {
        var ceiling = Math.Max(MinLimiterCeiling, settings.MaxPeak - LimiterMarginDecibels - EncoderRoomDecibels);
        return peakAfterGain > ceiling ? ceiling : null;
    }
}
