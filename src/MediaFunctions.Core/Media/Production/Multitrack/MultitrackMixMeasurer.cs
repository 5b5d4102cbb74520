using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Rendering;

namespace MediaFunctions.Core.Media.Production.Multitrack;

/// <summary>
/// Measures a multitrack production's mix as the render will make it (every track through its clean-up and gain, summed, then the
/// master's filters before its loudness stage) with ffmpeg's <c>ebur128</c>, so the master's loudness plan is made from the mix
/// rather than from any one track.
/// </summary>
/// <remarks>
/// The mix is summed again for each measurement rather than kept: a decode of the tracks is cheap, a mix of an hour is
/// hundreds of megabytes.
/// </remarks>
public sealed class MultitrackMixMeasurer(FfmpegRunner runner)
{
    /// <summary>
    /// Measures the mix behind the master's clean-up filters and plans the master's loudness stage; a plan that limits is measured
    /// as it would render and corrected, as <see cref="LoudnessAnalyser.PlanAsync"/> does for one input.
    /// </summary>
    /// <exception cref="ProductionSettingsException">A setting is out of range.</exception>
    /// <exception cref="FfmpegException">ffmpeg failed.</exception>
    /// <param name="tracks">The tracks with their clean-up chains and gains.</param>
    /// <param name="settings">The master's loudness settings.</param>
    /// <param name="masterPreFilter">The master's filters before the loudness stage (the leveler); null for none.</param>
    /// <param name="sampleRate">The production's rate.</param>
    /// <param name="channels">The production's channels: 1 for mono, else stereo.</param>
    /// <param name="cancellationToken">Stops ffmpeg.</param>
    public async Task<LoudnessPlan> PlanAsync(
        IReadOnlyList<ProductionRenderTrack> tracks, LoudnessSettings settings, string? masterPreFilter, int sampleRate, int channels,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.ThrowIfInvalid();
        var measurement = await MeasureAsync(tracks, masterPreFilter, sampleRate, channels, cancellationToken);
        var plan = LoudnessPlanner.Plan(settings, measurement, sampleRate, masterPreFilter);
        return plan.LimiterCeiling is null
            ? plan
            : await LoudnessAnalyser.RefineWithAsync(plan, candidate => MeasureAsync(tracks, candidate.AudioFilter, sampleRate, channels, cancellationToken));
    }

    /// <summary>Measures the mix after <paramref name="masterPreFilter"/> in one decode of every track.</summary>
    /// <param name="tracks">The tracks with their clean-up chains and gains.</param>
    /// <param name="masterPreFilter">The master's filters before the loudness stage (e.g. <see cref="LoudnessPlanner.PreLoudnessFilter"/>); null for none.</param>
    /// <param name="sampleRate">The production's rate.</param>
    /// <param name="channels">The production's channels: 1 for mono, else stereo.</param>
    /// <param name="cancellationToken">Stops ffmpeg.</param>
    /// <exception cref="FfmpegException">ffmpeg failed, or logged no ebur128 summary.</exception>
    public async Task<LoudnessMeasurement> MeasureAsync(
        IReadOnlyList<ProductionRenderTrack> tracks, string? masterPreFilter, int sampleRate, int channels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        if (tracks.Count == 0)
        {
            throw new ArgumentException("A multitrack production needs at least one track.", nameof(tracks));
        }

        var workFolder = Path.Combine(Path.GetTempPath(), "mf-mix-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workFolder);
        try
        {
            var mix = new MultitrackMixGraph(tracks, workFolder, sampleRate, channels);
            await mix.WriteGainFilesAsync(cancellationToken);
            var master = masterPreFilter is null ? "" : masterPreFilter + ",";
            var graph = mix.TrackChains(0, 1);
            graph.Add($"{mix.Mix()},{master}ebur128=peak=true:framelog=verbose[measured]");
            List<string> arguments =
            [
                "-hide_banner", "-nostats", "-loglevel", "info", .. mix.InputArguments(),
                "-filter_complex", string.Join(';', graph), "-map", "[measured]", "-f", "null", "-",
            ];
            return await Ebur128Summary.MeasureAsync(runner, arguments, null, cancellationToken);
        }
        finally
        {
            Directory.Delete(workFolder, recursive: true);
        }
    }
}
