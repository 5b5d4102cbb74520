using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Cutting;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Rendering;

namespace MediaFunctions.Core.Media.Production.Multitrack;

/// <summary>
/// Measures a multitrack production's mix as the render will make it (every track through its clean-up, gain and cuts, summed,
/// then the master's filters before its loudness stage) through <see cref="ProductionAnalysisPass"/>, so the master's leveler,
/// cutters, speech recognition and loudness plan work on the mix rather than on any one track.
/// </summary>
/// <remarks>
/// The mix is summed again for each measurement rather than kept: a decode of the tracks is cheap, a mix of an hour is
/// hundreds of megabytes.
/// </remarks>
public sealed class MultitrackMixMeasurer(ProductionAnalysisPass pass)
{
    /// <summary>
    /// Measures the mix behind the master's clean-up filters and plans the master's loudness stage; a plan that limits is measured
    /// as it would render and corrected, as <see cref="LoudnessAnalyser.PlanAsync"/> does for one input.
    /// </summary>
    /// <exception cref="ProductionSettingsException">A setting is out of range.</exception>
    /// <exception cref="FfmpegException">ffmpeg failed.</exception>
    /// <param name="tracks">The tracks with their clean-up chains and gains.</param>
    /// <param name="cuts">What the cutters remove from every track; null for nothing.</param>
    /// <param name="settings">The master's loudness settings.</param>
    /// <param name="masterPreFilter">The master's filters before the loudness stage (the leveler); null for none.</param>
    /// <param name="sampleRate">The production's rate.</param>
    /// <param name="channels">The production's channels: 1 for mono, else stereo.</param>
    /// <param name="cancellationToken">Stops ffmpeg.</param>
    public async Task<LoudnessPlan> PlanAsync(
        IReadOnlyList<ProductionRenderTrack> tracks, CutList? cuts, LoudnessSettings settings, string? masterPreFilter, int sampleRate, int channels,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.ThrowIfInvalid();
        var measurement = await MeasureAsync(tracks, cuts, masterPreFilter, sampleRate, channels, cancellationToken);
        var plan = LoudnessPlanner.Plan(settings, measurement, sampleRate, masterPreFilter);
        return plan.LimiterCeiling is null
            ? plan
            : await LoudnessAnalyser.RefineWithAsync(plan, candidate => MeasureAsync(tracks, cuts, candidate.AudioFilter, sampleRate, channels, cancellationToken));
    }

    /// <summary>Measures the mix's loudness and true peak after <paramref name="masterPreFilter"/> in one decode of every track.</summary>
    /// <param name="tracks">The tracks with their clean-up chains and gains.</param>
    /// <param name="cuts">What the cutters remove from every track; null for nothing.</param>
    /// <param name="masterPreFilter">The master's filters before the loudness stage (e.g. <see cref="LoudnessPlanner.PreLoudnessFilter"/>); null for none.</param>
    /// <param name="sampleRate">The production's rate.</param>
    /// <param name="channels">The production's channels: 1 for mono, else stereo.</param>
    /// <param name="cancellationToken">Stops ffmpeg.</param>
    /// <exception cref="FfmpegException">ffmpeg failed, or logged no ebur128 summary.</exception>
    public async Task<LoudnessMeasurement> MeasureAsync(
        IReadOnlyList<ProductionRenderTrack> tracks, CutList? cuts, string? masterPreFilter, int sampleRate, int channels, CancellationToken cancellationToken = default) =>
        (await AnalyseAsync(tracks, cuts, masterPreFilter, null, AnalysisMeasures.TruePeak, sampleRate, channels, cancellationToken)).Loudness;

    /// <summary>
    /// Analyses the mix in one decode of every track, as <see cref="ProductionAnalysisPass.AnalyseAsync(AnalysisSource, string?, string?, string?, ProcessedAudioOutput?, AnalysisMeasures, CancellationToken)"/>
    /// does one input: its loudness behind <paramref name="masterPreFilter"/>, and as asked its level envelope and its speech as a 16 kHz WAV.
    /// </summary>
    /// <param name="tracks">The tracks with their clean-up chains and gains.</param>
    /// <param name="cuts">What the cutters remove from every track; null for nothing.</param>
    /// <param name="masterPreFilter">The master's filters the loudness is measured behind; null for none.</param>
    /// <param name="speechWavPath">Where to write the mix for speech recognition; null for nowhere.</param>
    /// <param name="measures">What to measure besides the loudness.</param>
    /// <param name="sampleRate">The production's rate.</param>
    /// <param name="channels">The production's channels: 1 for mono, else stereo.</param>
    /// <param name="cancellationToken">Stops ffmpeg.</param>
    /// <exception cref="FfmpegException">ffmpeg failed, or logged no ebur128 summary.</exception>
    public async Task<AudioAnalysis> AnalyseAsync(
        IReadOnlyList<ProductionRenderTrack> tracks, CutList? cuts, string? masterPreFilter, string? speechWavPath, AnalysisMeasures measures,
        int sampleRate, int channels, CancellationToken cancellationToken = default)
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
            var mix = new MultitrackMixGraph(tracks, workFolder, sampleRate, channels, cuts);
            await mix.WriteGainFilesAsync(cancellationToken);
            return await pass.AnalyseAsync(mix.Source(), null, masterPreFilter, speechWavPath, null, measures, cancellationToken);
        }
        finally
        {
            Directory.Delete(workFolder, recursive: true);
        }
    }
}
