namespace MediaFunctions.Core.Media.Production.Loudness;

/// <summary>The audio filters of one production's render: the clean-up filters, then the loudness stage.</summary>
/// <param name="Settings">The settings planned.</param>
/// <param name="PreLoudnessFilter">Filters that run before the loudness stage (and before its measurement); null when none.</param>
/// <param name="GainDecibels">The gain that brings the measured loudness to the target; 0 without normalisation.</param>
/// <param name="LimiterCeiling">The true-peak ceiling (dBTP) of the limiter after the gain; null when the gain keeps peaks under <see cref="LoudnessSettings.MaxPeak"/> on its own.</param>
/// <param name="SampleRate">The input's sample rate, which the output keeps.</param>
public sealed record LoudnessPlan(LoudnessSettings Settings, string? PreLoudnessFilter, double GainDecibels, double? LimiterCeiling, int SampleRate)
{
    /// <summary>The true peak (dBTP) the render is expected to have after the loudness stage; null when not known.</summary>
    public double? ExpectedTruePeak { get; init; }

    /// <summary>The whole chain for <c>-af</c> (or one link of a filter graph); null when there is nothing to do.</summary>
    public string? AudioFilter => LoudnessPlanner.Chain(this);
}
