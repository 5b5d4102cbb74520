using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Filtering;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Analysis;

/// <summary>The one-decode pass against the separate readers it replaces, on noisy espeak-ng speech with the service's ffmpeg.</summary>
public class ProductionAnalysisPassTests(SpokenPauses media, ITestOutputHelper output) : IClassFixture<SpokenPauses>
{
    private const double LoudnessTolerance = 0.05;

    /// <summary>A leveler stand-in that moves the loudness a lot: a hard compressor and make-up gain.</summary>
    private const string Leveling = "acompressor=threshold=0.03:ratio=8:attack=5:release=100,volume=9dB";

    private static readonly ProductionAnalysisPass Pass = new(FfmpegTools.Runner());

    private static readonly LoudnessAnalyser Analyser = new(FfmpegTools.Runner());

    private static readonly LevelEnvelopeReader Reader = new(FfmpegTools.Runner());

    public static TheoryData<bool, bool> Chains => new() { { false, false }, { true, false }, { true, true }, { false, true } };

    [Theory]
    [MemberData(nameof(Chains))]
    public async Task AnalyseAsync_Chain_SameLoudnessAndEnvelopeAsSeparateReads(bool cleanUp, bool leveling)
    {
        var token = FfmpegTools.Timeout(120);
        var recording = await media.RecordingAsync(SpokenPauses.VariedPauses, 0, noisy: true, token);
        var preFilter = cleanUp ? HumAndRumbleFilter.Chain() : null;
        var levelingFilter = leveling ? Leveling : null;

        var analysis = await Pass.AnalyseAsync(recording.Path, preFilter, levelingFilter, null, cancellationToken: token);
        var loudness = await Analyser.MeasureAsync(recording.Path, Join(preFilter, levelingFilter), token);
        var envelope = await Reader.ReadAsync(recording.Path, preFilter, token);

        var largestFrameDifference = analysis.Envelope.Decibels.Zip(envelope.Decibels).Max(pair => Math.Abs(pair.First - pair.Second));
        output.WriteLine($"clean-up {(cleanUp ? "on" : "off")}, leveling {(leveling ? "on" : "off")}: " +
            $"pass {analysis.Loudness.IntegratedLoudness} LUFS / {analysis.Loudness.TruePeak} dBTP / LRA {analysis.Loudness.LoudnessRange} LU, " +
            $"analyser {loudness.IntegratedLoudness} LUFS / {loudness.TruePeak} dBTP / LRA {loudness.LoudnessRange} LU; " +
            $"envelope {analysis.Envelope.Decibels.Count} frames vs {envelope.Decibels.Count}, largest frame difference {largestFrameDifference:0.0000} dB");
        Assert.InRange(analysis.Loudness.IntegratedLoudness - loudness.IntegratedLoudness, -LoudnessTolerance, LoudnessTolerance);
        Assert.InRange(analysis.Loudness.TruePeak - loudness.TruePeak, -LoudnessTolerance, LoudnessTolerance);
        Assert.InRange(analysis.Loudness.LoudnessRange - loudness.LoudnessRange, -LoudnessTolerance, LoudnessTolerance);
        Assert.Equal(envelope.Decibels.Count, analysis.Envelope.Decibels.Count);
        Assert.InRange(largestFrameDifference, 0, 0.01);
    }

    [Fact]
    public async Task AnalyseAsync_Leveling_MeasuresTheLoudnessBehindItButNotTheEnvelope()
    {
        var token = FfmpegTools.Timeout(120);
        var recording = await media.RecordingAsync(SpokenPauses.VariedPauses, 0, noisy: true, token);

        var plain = await Pass.AnalyseAsync(recording.Path, null, null, null, cancellationToken: token);
        var leveled = await Pass.AnalyseAsync(recording.Path, null, Leveling, null, cancellationToken: token);

        var loudnessChange = leveled.Loudness.IntegratedLoudness - plain.Loudness.IntegratedLoudness;
        output.WriteLine($"leveling moves the loudness {plain.Loudness.IntegratedLoudness} → {leveled.Loudness.IntegratedLoudness} LUFS ({loudnessChange:+0.0;-0.0} LU); " +
            $"noise floor {SpeechActivity.Detect(plain.Envelope).NoiseFloor:0.0} → {SpeechActivity.Detect(leveled.Envelope).NoiseFloor:0.0} dBFS");
        Assert.True(Math.Abs(loudnessChange) > 3, $"The leveling moved the loudness {loudnessChange} LU.");
        Assert.Equal(plain.Envelope.Decibels, leveled.Envelope.Decibels);
    }

    [Fact]
    public async Task AnalyseAsync_SpeechWavPath_Writes16KhzMonoS16OfTheInputsLength()
    {
        var token = FfmpegTools.Timeout(120);
        var recording = await media.RecordingAsync(SpokenPauses.VariedPauses, 0, noisy: true, token);
        var speechWav = media.NewPath("speech.wav");

        var analysis = await Pass.AnalyseAsync(recording.Path, HumAndRumbleFilter.Chain(), null, speechWav, cancellationToken: token);
        var input = await FfmpegTools.Prober().ProbeAsync(recording.Path, cancellationToken: token);
        var probe = await FfmpegTools.Prober().ProbeAsync(speechWav, cancellationToken: token);

        var stream = Assert.Single(probe.AudioStreams);
        output.WriteLine($"speech WAV: {stream.CodecName}, {stream.SampleRate} Hz, {stream.Channels} channel(s), {probe.Duration?.TotalSeconds} s " +
            $"(input {input.Duration?.TotalSeconds} s, envelope {analysis.Envelope.Duration.TotalSeconds} s)");
        Assert.Equal("pcm_s16le", stream.CodecName);
        Assert.Equal(ProductionAnalysisPass.SpeechSampleRate, stream.SampleRate);
        Assert.Equal(1, stream.Channels);
        Assert.InRange((probe.Duration!.Value - input.Duration!.Value).Duration().TotalMilliseconds, 0, 10);
        Assert.InRange((analysis.Envelope.Duration - input.Duration!.Value).Duration().TotalMilliseconds, 0, 10);
    }

    [Fact]
    public async Task AnalyseAsync_MeterBesideTheDecode_SameMeasuresAndKeptAudioAsInOneProcess()
    {
        var token = FfmpegTools.Timeout(120);
        var recording = await media.RecordingAsync(SpokenPauses.VariedPauses, 0, noisy: true, token);
        var results = new List<(AudioAnalysis Analysis, LoudnessMeasurement Kept, long Samples)>();
        foreach (var beside in new[] { true, false })
        {
            var kept = media.NewPath($"kept-{beside}.flac");
            var analysis = await new ProductionAnalysisPass(FfmpegTools.Runner()) { MetersBeside = beside }
                .AnalyseAsync(recording.Path, HumAndRumbleFilter.Chain(), Leveling, media.NewPath($"speech-{beside}.wav"), new ProcessedAudioOutput(kept, 12), cancellationToken: token);
            var keptLoudness = await Analyser.MeasureAsync(kept, null, token);
            var samples = await SampleCount.ReadAsync(kept, token);
            output.WriteLine($"meter {(beside ? "beside" : "inline")}: {analysis.Loudness.IntegratedLoudness} LUFS / {analysis.Loudness.TruePeak} dBTP, " +
                $"{analysis.Envelope.Decibels.Count} envelope frames; kept {keptLoudness.IntegratedLoudness} LUFS, {samples} samples");
            results.Add((analysis, keptLoudness, samples));
        }

        var (besides, inline) = (results[0], results[1]);
        Assert.Equal(inline.Analysis.Loudness.IntegratedLoudness, besides.Analysis.Loudness.IntegratedLoudness, 2);
        Assert.Equal(inline.Analysis.Loudness.TruePeak, besides.Analysis.Loudness.TruePeak, 2);
        Assert.Equal(inline.Analysis.Envelope.Decibels, besides.Analysis.Envelope.Decibels);
        Assert.Equal(inline.Samples, besides.Samples);
        Assert.Equal(inline.Kept.IntegratedLoudness, besides.Kept.IntegratedLoudness, 2);
        Assert.Equal(besides.Analysis.Loudness.IntegratedLoudness - 12, besides.Kept.IntegratedLoudness, 1);
    }

    [Fact]
    public async Task AnalyseAsync_MeterBesideAnInputThatCannotBeRead_ThrowsTheDecodesError()
    {
        var token = FfmpegTools.Timeout(60);
        var missing = media.NewPath("missing.wav");

        var error = await Assert.ThrowsAsync<Core.Ffmpeg.FfmpegException>(() => new ProductionAnalysisPass(FfmpegTools.Runner()) { MetersBeside = true }
            .AnalyseAsync(missing, null, null, null, new ProcessedAudioOutput(media.NewPath("kept.flac"), 12), cancellationToken: token));

        output.WriteLine(error.Message);
        Assert.Contains("missing.wav", error.Message, StringComparison.Ordinal);
    }

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : $"{first},{second}";
}
