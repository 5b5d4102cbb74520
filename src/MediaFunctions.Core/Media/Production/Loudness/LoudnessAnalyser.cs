using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media.Production.Analysis;

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
    public const int MaxRefinements = 5;

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
        return await Ebur128Summary.MeasureAsync(runner, arguments, null, cancellationToken);
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

    /// <summary>How many stretches of a long input the limiter's loss is measured on.</summary>
    public const int LimiterExcerpts = 12;

    /// <summary>How long each of them is.</summary>
    public static readonly TimeSpan LimiterExcerptLength = TimeSpan.FromSeconds(20);

    /// <summary>
    /// <see cref="LimiterExcerpts"/> stretches of <paramref name="input"/> when it is long enough that they are a small part of
    /// it (8 minutes or more); null for a shorter input, which is measured whole.
    /// </summary>
    public static AnalysisSource? ExcerptsOf(string input, TimeSpan duration) => duration < LimiterExcerptLength * LimiterExcerpts * 2
        ? null
        : AnalysisSource.Excerpts(input, duration, LimiterExcerpts, LimiterExcerptLength);

    /// <summary>
    /// Corrects a plan that limits by what its limiter takes away from the loudness, measured on <see cref="LimiterExcerpts"/>
    /// stretches spread over the input (read by seeking, so a long input is not decoded again) with and without the limiter.
    /// An input shorter than the stretches together is measured whole, as <see cref="RefineAsync"/> does.
    /// </summary>
    /// <remarks>
    /// NOTE: the loss, not the excerpts' loudness, carries over to the whole: their loudness is theirs, but a limiter takes
    /// about the same share of any stretch of one recording. A refined plan of an hour costs two minutes of decoding
    /// where measuring it whole cost the hour again, at 192 kHz, for each refinement.
    /// </remarks>
    public async Task<LoudnessPlan> RefineLimiterAsync(string input, LoudnessPlan plan, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.LimiterCeiling is null || !plan.Settings.NormLoudness)
        {
            return plan;
        }

        if (ExcerptsOf(input, duration) is not { } excerpts)
        {
            return await RefineAsync(input, plan, cancellationToken);
        }

        // What the excerpts would measure unlimited is what they should measure limited, so each limited measurement is read
        // as the whole's: the target, less what the limiter took from the excerpts. Each raise of the gain before the limiter
        // is limited a little more, so it is measured again, as the whole input's refinement is.
        var unlimited = await MeasureExcerptsAsync(excerpts, (plan with { LimiterCeiling = null }).AudioFilter, cancellationToken);
        if (!unlimited.HasLoudness)
        {
            return plan;
        }

        var target = plan.Settings.LoudnessTarget;
        return await RefineWithAsync(plan, async candidate =>
        {
            var limited = await MeasureExcerptsAsync(excerpts, candidate.AudioFilter, cancellationToken);
            return limited with { IntegratedLoudness = target - (unlimited.IntegratedLoudness - limited.IntegratedLoudness) };
        });
    }

    /// <summary>
    /// Measures <paramref name="plan"/> as rendered with <paramref name="measure"/> and corrects its gain until it is within
    /// <see cref="RefinementTolerance"/> of the target (at most <see cref="MaxRefinements"/> measurements): the one refinement
    /// of a whole input, its excerpts, and a multitrack production's mix.
    /// </summary>
    public static async Task<LoudnessPlan> RefineWithAsync(LoudnessPlan plan, Func<LoudnessPlan, Task<LoudnessMeasurement>> measure)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(measure);
        (double, double)? previous = null;
        for (var refinement = 0; plan.Settings.NormLoudness && refinement < MaxRefinements; refinement++)
        {
            var rendered = await measure(plan);
            if (!rendered.HasLoudness || Math.Abs(rendered.IntegratedLoudness - plan.Settings.LoudnessTarget) <= RefinementTolerance)
            {
                break;
            }

            var refined = LoudnessPlanner.Refine(plan, rendered, previous);
            previous = (plan.GainDecibels, rendered.IntegratedLoudness);
            plan = refined;
        }

        return plan;
    }

    private async Task<LoudnessMeasurement> MeasureExcerptsAsync(AnalysisSource excerpts, string? audioFilter, CancellationToken cancellationToken)
    {
        var graph = $"{excerpts.Graph},{(audioFilter is null ? "" : audioFilter + ",")}ebur128=peak=true:framelog=verbose";
        List<string> arguments = ["-hide_banner", "-nostats", "-loglevel", "info", .. excerpts.InputArguments, "-filter_complex", graph, "-f", "null", "-"];
        return await Ebur128Summary.MeasureAsync(runner, arguments, null, cancellationToken);
    }

    /// <summary>
    /// Measures <paramref name="input"/> as <paramref name="plan"/> would render it and corrects the plan until it is within
    /// <see cref="RefinementTolerance"/> of the target (at most <see cref="MaxRefinements"/> decodes): what a limiter, or a cut
    /// of loud passages, took away from the measured loudness is given back.
    /// </summary>
    public Task<LoudnessPlan> RefineAsync(string input, LoudnessPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        return RefineWithAsync(plan, candidate => MeasureAsync(input, candidate.AudioFilter, cancellationToken));
    }
}
