using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Cutting;
using MediaFunctions.Core.Media.Production.Leveling;
using MediaFunctions.Core.Media.Production.Multitrack;
using MediaFunctions.Core.Media.Production.Rendering;
using MediaFunctions.Core.Media.Production.Speech;
using MediaFunctions.Core.Productions.Runs;

namespace MediaFunctions.Core.Productions.Processing;

/// <summary>
/// Processes a multitrack production's tracks before its render: each track measured and given its own clean-up (its
/// <c>filtering</c> and <c>denoise</c>), the gates, cross-gates and ducking decided between them from their levels, then the
/// master's work on their mix: its leveler, its speech recognised, its cuts decided (every track is cut alike), and its
/// loudness stage planned.
/// </summary>
/// <remarks>
/// A decode per track as it is, one of the mix for the leveler, the silence cutter and the recogniser together (only when
/// one of them is on), and the loudness plan's of the mix as it renders.
/// </remarks>
public sealed class MultitrackAudioProcessor(ProductionAnalysisPass pass, MultitrackMixMeasurer mixer, SpeechRecognizers recognizers)
{
    /// <param name="tracks">Each track with where ffmpeg reads it, its probed length and channels.</param>
    /// <param name="request">The master's loudness and algorithms; its sample rate and channels are the mix's.</param>
    /// <param name="workFolder">Where the speech recogniser's WAV is written.</param>
    /// <param name="cancellationToken">Stops ffmpeg and the recogniser.</param>
    /// <exception cref="Ffmpeg.FfmpegException">ffmpeg failed.</exception>
    /// <exception cref="SpeechRecognitionException">The recogniser failed.</exception>
    public async Task<ProcessedMultitrackAudio> ProcessAsync(
        IReadOnlyList<MultitrackInput> tracks, ProductionAudioRequest request, string workFolder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentNullException.ThrowIfNull(request);
        request.Loudness.ThrowIfInvalid();
        var measured = new List<(MultitrackInput Input, string? Filter, LevelEnvelope Envelope)>();
        foreach (var input in tracks)
        {
            // The track as it is sets where its level-dependent filters work, and its levels decide its gate.
            var asItIs = await pass.AnalyseAsync(input.Location, null, null, null, cancellationToken: cancellationToken);
            var track = input.Track;
            measured.Add((input, CleanupChain.For(track.Filtering, track.Denoise, track.DenoiseAmount, asItIs), asItIs.Envelope));
        }

        var algorithms = request.Algorithms;
        var gains = MultitrackGainPlanner.Plan(
            [.. measured.Select(track => new MultitrackTrack(track.Input.Track.Id, track.Envelope, Role(track.Input.Track.BackForeground)))],
            new MultitrackSettings(algorithms.Gate, algorithms.Crossgate));
        List<ProductionRenderTrack> mixed = [.. measured.Select((track, i) => new ProductionRenderTrack(
            track.Input.Track.Id, track.Input.Location, [], track.Filter, track.Input.Duration, track.Input.Channels, gains[i]))];

        var warnings = new List<string>();
        var recognizer = await ProductionSpeech.SelectAsync(recognizers, algorithms, warnings, cancellationToken);
        string? leveler = null;
        var cuts = CutList.Empty;
        Transcript? transcript = null;
        if (algorithms.Leveler || algorithms.SilenceCutter || recognizer is not null)
        {
            // The mix as gated and ducked: its pauses are where nobody speaks, its speech everyone's.
            var speechWav = recognizer is null ? null : Path.Combine(workFolder, "speech.wav");
            var mix = await mixer.AnalyseAsync(mixed, null, null, speechWav, algorithms.SilenceCutter ? AnalysisMeasures.Envelope : AnalysisMeasures.None,
                request.SampleRate, request.Channels, cancellationToken);
            leveler = algorithms.Leveler && mix.Loudness.HasLoudness ? Leveler.Chain(algorithms.LevelerStrength, mix.Loudness.IntegratedLoudness) : null;
            transcript = recognizer is null ? null : await ProductionSpeech.RecognizeAsync(recognizer, speechWav!, algorithms, cancellationToken);
            cuts = ProductionCuts.Decide(algorithms, mix.Envelope, transcript);
        }

        var master = await mixer.PlanAsync(mixed, cuts, request.Loudness, leveler, request.SampleRate, request.Channels, cancellationToken);
        return new ProcessedMultitrackAudio(mixed, master, cuts, transcript, warnings);
    }

    /// <summary>A track's <c>backforeground</c> as the gain planner takes it.</summary>
    public static TrackRole Role(string backForeground) => backForeground switch
    {
        "foreground" => TrackRole.Foreground,
        "background" => TrackRole.Background,
        "ducking" => TrackRole.Ducking,
        "unchanged" => TrackRole.Unchanged,
        _ => TrackRole.Auto,
    };
}

/// <summary>One track of a multitrack production as <see cref="MultitrackAudioProcessor"/> reads it.</summary>
/// <param name="Track">The track's settings.</param>
/// <param name="Location">Where ffmpeg reads it.</param>
/// <param name="Duration">Its probed length.</param>
/// <param name="Channels">Its probed channels.</param>
public sealed record MultitrackInput(ProductionTrack Track, string Location, TimeSpan Duration, int Channels);
