using System.Globalization;
using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Leveling;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Rendering;
using MediaFunctions.Core.Media.Production.Speech;

namespace MediaFunctions.Core.Productions.Processing;

/// <summary>
/// Processes a single-track production's main audio before its render: measures it, cleans it up (filtering, denoise),
/// levels it, recognises its speech, decides what the cutters cut, and plans the loudness stage, so the render is left with
/// the cuts, one gain, the limiter and the encoders.
/// </summary>
/// <remarks>
/// <para>Two decodes of the input: the first measures it as it is, a long one on excerpts (its loudness, peak and noise floor set where the
/// de-esser, the leveler and the denoiser work); the second runs the clean-up and the leveler, measures their result, reads
/// its level envelope (the silence cutter's input) and its 16 kHz speech, and with the denoiser on keeps the result as
/// 24-bit FLAC, which the render then decodes instead of running the denoiser again.</para>
/// <para>The kept audio is written <see cref="HeadroomDecibels"/> under its level, so nothing the clean-up lifts over full
/// scale clips in the integer samples; its plan's gain adds it back.</para>
/// </remarks>
public sealed class ProductionAudioProcessor(ProductionAnalysisPass pass, LoudnessAnalyser analyser, SpeechRecognizers recognizers)
{
    /// <summary>How far under its level the processed audio is kept.</summary>
    public const double HeadroomDecibels = 12;

    /// <param name="input">The main audio (a path or URL ffmpeg reads).</param>
    /// <param name="request">What to do with it.</param>
    /// <param name="workFolder">Where the processed audio and the speech recogniser's WAV are written.</param>
    /// <param name="cancellationToken">Stops ffmpeg and the recogniser.</param>
    /// <exception cref="Ffmpeg.FfmpegException">ffmpeg failed.</exception>
    /// <exception cref="SpeechRecognitionException">The recogniser failed.</exception>
    public async Task<ProcessedProductionAudio> ProcessAsync(
        string input, ProductionAudioRequest request, string workFolder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        ArgumentNullException.ThrowIfNull(request);
        request.Loudness.ThrowIfInvalid();
        var algorithms = request.Algorithms;
        var warnings = new List<string>();
        var mono = algorithms.DualMono && request.Channels == 2 ? ProductionRenderPlanner.MonoMixdown : null;

        // First decode: the input as it is, which sets where the level-dependent filters work (a sample peak is enough for that,
        // and the noise floor only the denoiser needs). A long input's level and noise floor are those of any stretch of the
        // recording, so it is read on excerpts.
        var asItIs = await pass.AnalyseAsync(LoudnessAnalyser.ExcerptsOf(input, request.Duration) ?? AnalysisSource.File(input), mono, null, null, null, algorithms.Denoise ? AnalysisMeasures.Envelope : AnalysisMeasures.None, cancellationToken);
        var preFilter = Join(mono, CleanupChain.For(request.Loudness.Filtering, algorithms.Denoise, algorithms.DenoiseAmount, asItIs));
        var leveler = algorithms.Leveler && asItIs.Loudness.HasLoudness ? Leveler.Chain(algorithms.LevelerStrength, asItIs.Loudness.IntegratedLoudness) : null;

        var recognizer = await ProductionSpeech.SelectAsync(recognizers, algorithms, warnings, cancellationToken);

        // Second decode: the clean-up and the leveler, everything measured behind them, and the denoiser's result kept (it costs
        // more to run again than to keep; the other filters cost less than writing and reading the kept audio).
        var processed = algorithms.Denoise ? Path.Combine(workFolder, "processed.flac") : null;
        var speechWav = recognizer is null ? null : Path.Combine(workFolder, "speech.wav");
        var analysis = await pass.AnalyseAsync(input, preFilter, leveler, speechWav,
            processed is null ? null : new ProcessedAudioOutput(processed, HeadroomDecibels),
            AnalysisMeasures.TruePeak | (algorithms.SilenceCutter ? AnalysisMeasures.Envelope : AnalysisMeasures.None), cancellationToken);

        var transcript = recognizer is null ? null : await ProductionSpeech.RecognizeAsync(recognizer, speechWav!, algorithms, cancellationToken);
        var cuts = ProductionCuts.Decide(algorithms, analysis.Envelope, transcript);
        var cutFilter = cuts.Filter(request.SampleRate);
        var headroom = processed is null ? 0 : HeadroomDecibels;
        var keptLoudness = analysis.Loudness with
        {
            IntegratedLoudness = analysis.Loudness.IntegratedLoudness - headroom,
            TruePeak = analysis.Loudness.TruePeak - headroom,
        };
        // From the kept audio only the cuts remain before the loudness stage; from the input, the whole chain.
        var plan = LoudnessPlanner.Plan(request.Loudness, keptLoudness, request.SampleRate,
            processed is null ? Join(preFilter, leveler, cutFilter) : cutFilter);
        // What the limiter takes away is measured and given back. The cuts take pauses (under the loudness gate) and fillers
        // (a breath of the speech), which the measurement before them leaves to well under the tolerance.
        plan = await analyser.RefineLimiterAsync(processed ?? input, plan, request.Duration, cancellationToken);

        return new ProcessedProductionAudio(
            processed,
            plan,
            processed is null ? plan : plan with { PreLoudnessFilter = Join(preFilter, leveler, Volume(-HeadroomDecibels), cutFilter) },
            mono is null ? request.Channels : 1,
            cuts,
            transcript,
            warnings);
    }

    private static string Volume(double decibels) => string.Create(CultureInfo.InvariantCulture, $"volume={decibels:0.###}dB");

    private static string? Join(params string?[] chains)
    {
        var present = chains.Where(chain => !string.IsNullOrEmpty(chain)).ToList();
        return present.Count == 0 ? null : string.Join(',', present);
    }
}
