using System.Globalization;
using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Cutting;
using MediaFunctions.Core.Media.Production.Denoising;
using MediaFunctions.Core.Media.Production.Filtering;
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
/// <para>Two decodes of the input: the first measures it as it is (its loudness, true peak and noise floor set where the
/// de-esser, the leveler and the denoiser work); the second runs the clean-up and the leveler once, measures their result,
/// reads its level envelope (the silence cutter's input) and its 16 kHz speech, and keeps the result as 24-bit FLAC. The
/// render then decodes that file, not the input again through the dear filters.</para>
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

        // First decode: the input as it is, which sets where the level-dependent filters work.
        var asItIs = await pass.AnalyseAsync(input, mono, null, null, cancellationToken: cancellationToken);
        var measured = asItIs.Loudness.HasLoudness;
        // The denoiser before the de-esser, which would take broadband noise for sibilance.
        var denoiser = algorithms.Denoise ? Denoiser.Chain(algorithms.DenoiseAmount, SpeechActivity.Detect(asItIs.Envelope).NoiseFloor) : null;
        var preFilter = Join(
            mono,
            !request.Loudness.Filtering ? denoiser
                : measured ? SpeechFilter.Chain(asItIs.Loudness.IntegratedLoudness, asItIs.Loudness.TruePeak, denoiser)
                : Join(HumAndRumbleFilter.Chain(), denoiser));
        var leveler = algorithms.Leveler && measured ? Leveler.Chain(algorithms.LevelerStrength, asItIs.Loudness.IntegratedLoudness) : null;

        ISpeechRecognizer? recognizer = null;
        if (algorithms.NeedsSpeech)
        {
            (recognizer, var notApplied) = await recognizers.SelectAsync(algorithms.Speech?.Language, cancellationToken);
            if (recognizer is null)
            {
                warnings.Add(notApplied!);
                warnings.AddRange(new[] { (algorithms.FillerCutter, "filler_cutter"), (algorithms.CoughCutter, "cough_cutter") }
                    .Where(cutter => cutter.Item1)
                    .Select(cutter => $"{cutter.Item2} was not applied: it cuts what the speech recogniser finds, and there is none for this language here."));
            }
        }

        // Second decode: the clean-up and the leveler, once; everything measured behind them, the result kept.
        var processed = preFilter is null && leveler is null ? null : Path.Combine(workFolder, "processed.flac");
        var speechWav = recognizer is null ? null : Path.Combine(workFolder, "speech.wav");
        var analysis = await pass.AnalyseAsync(input, preFilter, leveler, speechWav,
            processed is null ? null : new ProcessedAudioOutput(processed, HeadroomDecibels), cancellationToken);

        Transcript? transcript = null;
        if (recognizer is not null)
        {
            transcript = await recognizer.RecognizeAsync(speechWav!, new SpeechRequest(algorithms.Speech?.Language, algorithms.Speech?.Keywords ?? []), cancellationToken);
            File.Delete(speechWav!);
        }

        var cuts = CutList.Empty;
        if (algorithms.SilenceCutter)
        {
            cuts = cuts.Union(SilenceCutter.Plan(SpeechActivity.Detect(analysis.Envelope)));
        }

        if (algorithms.FillerCutter && transcript is not null)
        {
            cuts = cuts.Union(new CutList([.. transcript.Fillers.Select(filler => new TimeRange(filler.Start, filler.End))]));
        }

        if (algorithms.CoughCutter && transcript is not null)
        {
            cuts = cuts.Union(new CutList([.. transcript.Coughs.Select(cough => new TimeRange(cough.Start, cough.End))]));
        }

        var cutFilter = cuts.Filter(request.SampleRate);
        var headroom = processed is null ? 0 : HeadroomDecibels;
        var keptLoudness = analysis.Loudness with
        {
            IntegratedLoudness = analysis.Loudness.IntegratedLoudness - headroom,
            TruePeak = analysis.Loudness.TruePeak - headroom,
        };
        var plan = LoudnessPlanner.Plan(request.Loudness, keptLoudness, request.SampleRate, cutFilter);
        if (plan.LimiterCeiling is not null || cutFilter is not null)
        {
            // What the limiter and the cuts take away is measured on the kept audio (no filter decoded again) and given back.
            plan = await analyser.RefineAsync(processed ?? input, plan, cancellationToken);
        }

        return new ProcessedProductionAudio(
            processed,
            plan,
            plan with { PreLoudnessFilter = Join(preFilter, leveler, processed is null ? null : Volume(-HeadroomDecibels), cutFilter) },
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
