using System.Globalization;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media.Production.Loudness;

namespace MediaFunctions.Core.Media.Production.Analysis;

/// <summary>
/// Measures everything a production needs before its render with ONE decode of its input: the loudness behind the clean-up
/// and the leveler (<c>ebur128</c>, as <see cref="LoudnessAnalyser.MeasureAsync"/> reads it), the level envelope behind the
/// clean-up (the cutters' and gates' input), and, when asked, a 16 kHz mono WAV for speech recognition.
/// </summary>
/// <remarks>
/// NOTE: one <c>asplit</c> graph, not a decode per measurement: decoding and cleaning up (the denoiser above all) cost far more
/// than the meters, and a long input is then read once. The envelope streams through stdout, so no samples are held.
/// </remarks>
public sealed class ProductionAnalysisPass(FfmpegRunner runner)
{
    /// <summary>The speech recognisers' rate: 16 kHz mono 16-bit, as pocketsphinx and Whisper take it.</summary>
    public const int SpeechSampleRate = 16_000;

    /// <summary>Analyses the first audio stream of <paramref name="input"/> (a path or URL ffmpeg reads).</summary>
    /// <inheritdoc cref="AnalyseAsync(AnalysisSource, string?, string?, string?, ProcessedAudioOutput?, AnalysisMeasures, CancellationToken)"/>
    public Task<AudioAnalysis> AnalyseAsync(
        string input, string? preFilter, string? levelingFilter, string? speechWavPath, ProcessedAudioOutput? processed = null,
        AnalysisMeasures measures = AnalysisMeasures.Envelope | AnalysisMeasures.TruePeak, CancellationToken cancellationToken = default) =>
        AnalyseAsync(AnalysisSource.File(input), preFilter, levelingFilter, speechWavPath, processed, measures, cancellationToken);

    /// <param name="source">What is decoded and measured: one file, or a multitrack production's mix.</param>
    /// <param name="preFilter">The clean-up (filtering, denoise) every measurement is behind; null for none.</param>
    /// <param name="levelingFilter">The leveler, measured behind for the loudness only; null for none.</param>
    /// <param name="speechWavPath">Where to write the WAV for speech recognition; null for none.</param>
    /// <param name="processed">Where to keep the audio as measured (behind the clean-up and the leveler); null not to keep it.</param>
    /// <param name="measures">What to measure besides the loudness; a measure left out costs nothing.</param>
    /// <param name="cancellationToken">Stops ffmpeg.</param>
    /// <exception cref="FfmpegException">ffmpeg failed, or logged no ebur128 summary.</exception>
    public async Task<AudioAnalysis> AnalyseAsync(
        AnalysisSource source, string? preFilter, string? levelingFilter, string? speechWavPath, ProcessedAudioOutput? processed = null,
        AnalysisMeasures measures = AnalysisMeasures.Envelope | AnalysisMeasures.TruePeak, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var arguments = Arguments(source, preFilter, levelingFilter, speechWavPath, processed, measures);
        var envelope = new LevelEnvelopeBuilder(LevelEnvelopeReader.SampleRate);
        var loudness = await Ebur128Summary.MeasureAsync(runner, arguments, measures.HasFlag(AnalysisMeasures.Envelope) ? envelope.ReadAsync : null, cancellationToken);
        return new AudioAnalysis(loudness, envelope.Build());
    }

    private static List<string> Arguments(
        AnalysisSource source, string? preFilter, string? levelingFilter, string? speechWavPath, ProcessedAudioOutput? processed, AnalysisMeasures measures)
    {
        var speech = speechWavPath is not null;
        var levels = measures.HasFlag(AnalysisMeasures.Envelope);
        var branches = "[loudness]" + (levels ? "[envelope]" : "") + (speech ? "[speech]" : "");
        // The true peak oversamples 4×, the dearest part of the meter: only the loudness stage's plan needs it.
        var peak = measures.HasFlag(AnalysisMeasures.TruePeak) ? "true" : "sample";
        // framelog=verbose keeps ebur128's ten lines a second out of the info-level log, leaving its summary.
        var graph = string.Create(CultureInfo.InvariantCulture, $"{source.Graph},{Before(preFilter)}asplit={branches.Count(c => c == '[')}{branches};") +
            $"[loudness]{Before(levelingFilter)}{Kept(processed)}ebur128=peak={peak}:framelog=verbose[measured]" +
            (levels ? $";[envelope]{LevelEnvelopeReader.MonoSamples}[levels]" : "") +
            (speech ? string.Create(CultureInfo.InvariantCulture, $";[speech]aresample={SpeechSampleRate},aformat=sample_fmts=s16:channel_layouts=mono[recognised]") : "");
        List<string> arguments =
        [
            "-hide_banner", "-nostats", "-loglevel", "info", .. source.InputArguments, "-filter_complex", graph,
            "-map", "[measured]", "-f", "null", "-",
        ];
        if (levels)
        {
            arguments.AddRange(["-map", "[levels]", "-f", "f32le", "pipe:1"]);
        }
        if (speechWavPath is not null)
        {
            arguments.AddRange(["-map", "[recognised]", "-c:a", "pcm_s16le", "-f", "wav", "-y", speechWavPath]);
        }

        if (processed is not null)
        {
            // 24-bit FLAC at its fastest setting: lossless for the render, a third of the float samples' size.
            arguments.AddRange(["-map", "[kept]", "-c:a", "flac", "-sample_fmt", "s32", "-compression_level", "0", "-f", "flac", "-y", processed.Path]);
        }

        return arguments;
    }

    private static string Before(string? filter) => filter is null ? "" : filter + ",";

    /// <summary>The measured audio split off to be kept, <see cref="ProcessedAudioOutput.HeadroomDecibels"/> lower.</summary>
    private static string Kept(ProcessedAudioOutput? processed) => processed is null
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $"asplit=2[measure][keep];[keep]volume={-processed.HeadroomDecibels}dB[kept];[measure]");
}
