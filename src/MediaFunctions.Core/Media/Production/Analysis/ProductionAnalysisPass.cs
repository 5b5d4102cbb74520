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
/// <para>NOTE: one <c>asplit</c> graph, not a decode per measurement: decoding and cleaning up (the denoiser above all) cost far
/// more than the meters, and a long input is then read once. The envelope streams through stdout, so no samples are held.</para>
/// <para>A true-peak meter (it oversamples 4×) and the kept audio's encoder run in a second ffmpeg beside the first where there
/// is a second core (<see cref="ConnectedRuns"/>), handed the levelled audio through a FIFO: ffmpeg runs an audio graph on one
/// thread, so in one process they would wait for the denoiser and the denoiser for them.</para>
/// </remarks>
public sealed class ProductionAnalysisPass(FfmpegRunner runner)
{
    /// <summary>The speech recognisers' rate: 16 kHz mono 16-bit, as pocketsphinx and Whisper take it.</summary>
    public const int SpeechSampleRate = 16_000;

    /// <summary>Whether the meter may run in a second ffmpeg; tests turn it off to check both ways agree.</summary>
    internal bool MetersBeside { get; init; } = ConnectedRuns.Available;

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
        var levels = measures.HasFlag(AnalysisMeasures.Envelope);
        var envelope = new LevelEnvelopeBuilder(LevelEnvelopeReader.SampleRate);
        var readLevels = levels ? envelope.ReadAsync : (Func<Stream, CancellationToken, Task>?)null;
        var sideOutputs = SideOutputs(levels, speechWavPath);
        LoudnessMeasurement loudness;
        // The 4× oversampling and the encoder cost enough to be worth a second process; a sample-peak meter alone does not.
        if (MetersBeside && (processed is not null || measures.HasFlag(AnalysisMeasures.TruePeak)))
        {
            var fifo = Path.Combine(Path.GetTempPath(), $"mf-analysis-{Guid.NewGuid():N}.mka");
            await ConnectedRuns.CreateFifoAsync(fifo, cancellationToken);
            try
            {
                // Matroska carries the stream's rate and layout, which the second run cannot know in advance.
                List<string> decode =
                [
                    "-hide_banner", "-nostats", "-loglevel", "warning", .. source.InputArguments,
                    "-filter_complex", DecodeGraph(source, preFilter, levelingFilter, levels, speechWavPath is not null, "anull[handoff]"),
                    "-map", "[handoff]", "-c:a", "pcm_f32le", "-f", "matroska", "-y", fifo, .. sideOutputs,
                ];
                List<string> meter =
                [
                    "-hide_banner", "-nostats", "-loglevel", "info", "-f", "matroska", "-i", fifo,
                    "-filter_complex", "[0:a:0]" + Meter(processed, measures), .. MeterOutputs(processed),
                ];
                LoudnessMeasurement? metered = null;
                await ConnectedRuns.RunAsync(
                [
                    token => runner.RunAsync(decode, new FfmpegRunOptions { StandardOutput = readLevels }, token),
                    async token => metered = await Ebur128Summary.MeasureAsync(runner, meter, null, token),
                ], cancellationToken);
                loudness = metered!;
            }
            finally
            {
                File.Delete(fifo);
            }
        }
        else
        {
            List<string> arguments =
            [
                "-hide_banner", "-nostats", "-loglevel", "info", .. source.InputArguments,
                "-filter_complex", DecodeGraph(source, preFilter, levelingFilter, levels, speechWavPath is not null, Meter(processed, measures)),
                .. MeterOutputs(processed), .. sideOutputs,
            ];
            loudness = await Ebur128Summary.MeasureAsync(runner, arguments, readLevels, cancellationToken);
        }

        return new AudioAnalysis(loudness, envelope.Build());
    }

    /// <summary>
    /// The decode: the source through the clean-up, split into the loudness branch (the leveler, then <paramref name="loudnessTail"/>),
    /// the envelope's samples and the recogniser's.
    /// </summary>
    private static string DecodeGraph(AnalysisSource source, string? preFilter, string? levelingFilter, bool levels, bool speech, string loudnessTail)
    {
        var branches = "[loudness]" + (levels ? "[envelope]" : "") + (speech ? "[speech]" : "");
        return string.Create(CultureInfo.InvariantCulture, $"{source.Graph},{Before(preFilter)}asplit={branches.Count(c => c == '[')}{branches};") +
            $"[loudness]{Before(levelingFilter)}{loudnessTail}" +
            (levels ? $";[envelope]{LevelEnvelopeReader.MonoSamples}[levels]" : "") +
            (speech ? string.Create(CultureInfo.InvariantCulture, $";[speech]aresample={SpeechSampleRate},aformat=sample_fmts=s16:channel_layouts=mono[recognised]") : "");
    }

    /// <summary>The meter on the loudness branch, labelled <c>measured</c>, and the kept audio split off before it.</summary>
    private static string Meter(ProcessedAudioOutput? processed, AnalysisMeasures measures)
    {
        // The true peak oversamples 4×, the dearest part of the meter: only the loudness stage's plan needs it.
        var peak = measures.HasFlag(AnalysisMeasures.TruePeak) ? "true" : "sample";
        // framelog=verbose keeps ebur128's ten lines a second out of the info-level log, leaving its summary.
        return $"{Kept(processed)}ebur128=peak={peak}:framelog=verbose[measured]";
    }

    private static List<string> MeterOutputs(ProcessedAudioOutput? processed)
    {
        List<string> outputs = ["-map", "[measured]", "-f", "null", "-"];
        if (processed is not null)
        {
            // 24-bit FLAC at its fastest setting: lossless for the render, a third of the float samples' size.
            outputs.AddRange(["-map", "[kept]", "-c:a", "flac", "-sample_fmt", "s32", "-compression_level", "0", "-f", "flac", "-y", processed.Path]);
        }

        return outputs;
    }

    private static List<string> SideOutputs(bool levels, string? speechWavPath)
    {
        var outputs = new List<string>();
        if (levels)
        {
            outputs.AddRange(["-map", "[levels]", "-f", "f32le", "pipe:1"]);
        }

        if (speechWavPath is not null)
        {
            outputs.AddRange(["-map", "[recognised]", "-c:a", "pcm_s16le", "-f", "wav", "-y", speechWavPath]);
        }

        return outputs;
    }

    private static string Before(string? filter) => filter is null ? "" : filter + ",";

    /// <summary>The measured audio split off to be kept, <see cref="ProcessedAudioOutput.HeadroomDecibels"/> lower.</summary>
    private static string Kept(ProcessedAudioOutput? processed) => processed is null
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $"asplit=2[measure][keep];[keep]volume={-processed.HeadroomDecibels}dB[kept];[measure]");
}
