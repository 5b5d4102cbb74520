using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Multitrack;
using MediaFunctions.Core.Media.Production.Rendering;
using MediaFunctions.Core.Media.Production.Speech;
using MediaFunctions.Core.Media.Production.Tagging;
using MediaFunctions.Core.Productions.Processing;
using MediaFunctions.Core.Productions.Runs;
using MediaFunctions.Core.Tests.Media.Production.Multitrack;
using MediaFunctions.Testing.Media;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Productions.Processing;

/// <summary>
/// A two-speaker show's microphone tracks through <see cref="MultitrackAudioProcessor"/> and the render: the silence cutter
/// shortens the gap where nobody speaks in the mix and cuts every track alike, and speech recognition hears both speakers
/// in the gated mix.
/// </summary>
public sealed class MultitrackAudioProcessorTests(TwoSpeakerShow show, ITestOutputHelper output) : IClassFixture<TwoSpeakerShow>, IDisposable
{
    private static readonly ProductionAlgorithms Gated = new(
        Leveler: true, 100, Denoise: false, 0, SilenceCutter: false, FillerCutter: false, CoughCutter: false, DualMono: false, Gate: true, Crossgate: true, null);

    private readonly string _folder = Directory.CreateTempSubdirectory("mf-multitrack-processor-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SilenceCutter_ShortensTheGapInTheMixAndCutsEveryTrackAlike(bool on)
    {
        var token = FfmpegTools.Timeout(180);
        using var recognizers = Recognizers();

        var processed = await ProcessAsync(recognizers, Gated with { SilenceCutter = on }, token);
        var files = await RenderAsync(processed, token);

        output.WriteLine($"cuts: {string.Join(", ", processed.Cuts.Spans.Select(span => $"{span.Start.TotalSeconds:0.00}–{span.End.TotalSeconds:0.00} s"))}");
        var mix = await SampleCount.ReadAsync(files[0].Path, token);
        var length = (double)mix / TwoSpeakerShow.SampleRate;
        output.WriteLine($"show {show.Length:0.000} s → mix {length:0.000} s; gap {show.Silence.Start:0.00}–{show.Silence.End:0.00} s");
        Assert.Empty(processed.Warnings);
        Assert.DoesNotContain(processed.Cuts.Spans, cut =>
            show.TurnsA.Concat(show.TurnsB).Any(turn => cut.Start.TotalSeconds < turn.End - 0.05 && cut.End.TotalSeconds > turn.Start + 0.05));
        if (on)
        {
            var gap = show.Silence.End - show.Silence.Start;
            Assert.True(show.Length - length >= gap - 1, $"only {show.Length - length:0.000} s of the {gap:0.0} s gap was cut");
        }
        else
        {
            Assert.Empty(processed.Cuts.Spans);
            Assert.Equal(show.Length, length, 0.01);
        }

        // Every track comes back as long as the mix, to the sample.
        var tracksFolder = Directory.CreateDirectory(Path.Combine(_folder, "tracks")).FullName;
        System.IO.Compression.ZipFile.ExtractToDirectory(files[1].Path, tracksFolder);
        foreach (var track in Directory.GetFiles(tracksFolder))
        {
            Assert.Equal(mix, await SampleCount.ReadAsync(track, token));
        }
    }

    [Fact]
    public async Task SpeechRecognition_HearsBothSpeakersInTheGatedMix()
    {
        var token = FfmpegTools.Timeout(180);
        using var recognizers = Recognizers();

        var processed = await ProcessAsync(recognizers, Gated with { Speech = new ProductionSpeechRequest("en", ["bicycles", "wheel"], false) }, token);

        var transcript = Assert.IsType<Transcript>(processed.Transcript);
        output.WriteLine(transcript.Text);
        output.WriteLine(string.Join("; ", transcript.Keywords.Select(hit => $"{hit.Keyword} at {hit.Start.TotalSeconds:0.00} s")));
        Assert.Empty(processed.Warnings);
        // "bicycles" is A's first turn's ninth word, "wheel" B's second turn's second: each within a second of where the turn puts it.
        var bicycles = Assert.Single(transcript.Keywords, hit => hit.Keyword == "bicycles" && hit.Start.TotalSeconds < show.TurnsA[0].End);
        Assert.InRange(bicycles.Start.TotalSeconds, show.TurnsA[0].Start + 1, show.TurnsA[0].Start + 3.5);
        var wheel = Assert.Single(transcript.Keywords, hit => hit.Keyword == "wheel");
        Assert.InRange(wheel.Start.TotalSeconds, show.TurnsB[1].Start - 0.5, show.TurnsB[1].Start + 1);
    }

    private async Task<ProcessedMultitrackAudio> ProcessAsync(SpeechRecognizers recognizers, ProductionAlgorithms algorithms, CancellationToken token)
    {
        var runner = FfmpegTools.Runner();
        var pass = new ProductionAnalysisPass(runner);
        var processor = new MultitrackAudioProcessor(pass, new MultitrackMixMeasurer(pass), recognizers);
        var length = TimeSpan.FromSeconds(show.Length);
        MultitrackInput[] tracks =
        [
            new(new ProductionTrack("a", new ProductionSource("a"), true, false, 0, "auto"), show.MicA(TwoSpeakerShow.DryBleed), length, 1),
            new(new ProductionTrack("b", new ProductionSource("b"), true, false, 0, "auto"), show.MicB(TwoSpeakerShow.DryBleed), length, 1),
        ];
        return await processor.ProcessAsync(tracks,
            new ProductionAudioRequest(new LoudnessSettings(NormLoudness: true, -16, -1, Filtering: true), algorithms, TwoSpeakerShow.SampleRate, 1, length),
            _folder, token);
    }

    private async Task<IReadOnlyList<RenderedProductionFile>> RenderAsync(ProcessedMultitrackAudio processed, CancellationToken token)
    {
        var runner = FfmpegTools.Runner();
        var spec = new ProductionRenderSpec(
            ProductionRenderInput.Mixed(processed.Tracks, processed.Master, 1, processed.Cuts), null, null,
            [new("wav", null, "mix.wav", false, false), new("tracks", null, "show.wav.zip", false, false)], new ProductionMetadata(), [], null, [], _folder);
        return await new ProductionRenderer(runner, FfmpegTools.Prober(), new EncoderLoudnessCalibrator(runner, new LoudnessAnalyser(runner)))
            .RenderAsync(spec, cancellationToken: token);
    }

    private static SpeechRecognizers Recognizers() =>
        new ServiceCollection().AddSpeechRecognition(new ConfigurationBuilder().Build()).BuildServiceProvider().GetRequiredService<SpeechRecognizers>();
}
