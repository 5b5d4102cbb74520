using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Core.Media.Production.Loudness;

/// <summary>
/// Measures an input's loudness with ffmpeg's <c>ebur128</c> meter behind the production's clean-up filters,
/// and plans its loudness stage from that measurement.
/// </summary>
/// <remarks>
/// NOTE: <c>ebur128</c> rather than <c>loudnorm</c>'s first pass: it is the BS.1770 meter the render is checked
/// with, it measures at the input's rate (loudnorm resamples the whole input to 192 kHz and runs its
/// dynamic processing just to print its figures), and the loudness stage is a plain gain that needs no
/// loudnorm-specific values.
/// </remarks>
public sealed class LoudnessAnalyser(FfmpegRunner runner)
{
    /// <summary>How many times a plan that limits is measured again and corrected.</summary>
    public const int MaxRefinements = 3;

    /// <summary>A refined plan this close to the target (LU) is not measured again.</summary>
    public const double RefinementTolerance = 0.1;

    /// <summary>Measures <paramref name="input"/> (a path or URL) after <paramref name="audioFilter"/> in one decode.</summary>
    /// <param name="audioFilter">Filters to measure behind, e.g. <see cref="LoudnessPlanner.PreLoudnessFilter"/>; null for the input as it is.</param>
    /// <exception cref="FfmpegException">ffmpeg failed, or logged no ebur128 summary.</exception>
    public async Task<LoudnessMeasurement> MeasureAsync(string input, string? audioFilter, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        // framelog=verbose keeps ebur128's ten lines a second out of the info-level log, leaving its summary.
        var meter = "ebur128=peak=true:framelog=verbose";
        string[] arguments =
        [
            "-hide_banner", "-nostats", "-loglevel", "info", "-i", input, "-map", "0:a:0",
            "-af", audioFilter is null ? meter : $"{audioFilter},{meter}", "-f", "null", "-",
        ];
        var lines = new List<string>();
        await runner.RunAsync(arguments, new FfmpegRunOptions { StandardError = lines.Add }, cancellationToken);
        return Ebur128Summary.TryParse(lines, out var measurement)
            ? measurement
            : throw FfmpegException.MissingOutput("ffmpeg", "an ebur128 summary", arguments, lines.TakeLast(FfmpegException.StandardErrorTailLines).ToList());
    }

    /// <summary>
    /// Measures the input behind its clean-up filters and plans the loudness stage; a plan that limits is
    /// measured as it would render and corrected until it is within <see cref="RefinementTolerance"/> of the
    /// target (at most <see cref="MaxRefinements"/> more decodes).
    /// </summary>
    /// <exception cref="ProductionSettingsException">A setting is out of range.</exception>
    public async Task<LoudnessPlan> PlanAsync(string input, LoudnessSettings settings, int sampleRate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.ThrowIfInvalid();
        var measurement = await MeasureAsync(input, LoudnessPlanner.PreLoudnessFilter(settings), cancellationToken);
        var plan = LoudnessPlanner.Plan(settings, measurement, sampleRate);
        return plan.LimiterCeiling is null ? plan : await RefineAsync(input, plan, cancellationToken);
    }

    /// <summary>
    /// Measures <paramref name="input"/> as <paramref name="plan"/> would render it and corrects the plan until it is within
    /// <see cref="RefinementTolerance"/> of the target (at most <see cref="MaxRefinements"/> decodes): what a limiter, or a cut
    /// of loud passages, took away from the measured loudness is given back.
    /// </summary>
    public async Task<LoudnessPlan> RefineAsync(string input, LoudnessPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        ArgumentNullException.ThrowIfNull(plan);
        for (var refinement = 0; plan.Settings.NormLoudness && refinement < MaxRefinements; refinement++)
        {
            var rendered = await MeasureAsync(input, plan.AudioFilter, cancellationToken);
            if (!rendered.HasLoudness || Math.Abs(rendered.IntegratedLoudness - plan.Settings.LoudnessTarget) <= RefinementTolerance)
            {
                break;
            }

            plan = LoudnessPlanner.Refine(plan, rendered);
        }

        return plan;
    }
}
