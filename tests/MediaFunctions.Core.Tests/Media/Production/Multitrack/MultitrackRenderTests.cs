using System.Globalization;
using System.IO.Compression;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Multitrack;
using MediaFunctions.Core.Media.Production.Rendering;
using MediaFunctions.Core.Media.Production.Tagging;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Multitrack;

/// <summary>
/// Envelopes → gains → mix measurement → render of <see cref="TwoSpeakerShow"/> with the service's ffmpeg, then each processed
/// track (from the tracks output) and the mixdown measured with astats and ebur128.
/// </summary>
public class MultitrackRenderTests(TwoSpeakerShow show, ITestOutputHelper output) : IClassFixture<TwoSpeakerShow>
{
    private const double Target = -16;

    private static readonly FfmpegRunner Runner = FfmpegTools.Runner();

    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 2)]
    [InlineData(false, 1)]
    public async Task Gate_DryRoom_BleedDownAtLeast20DbAndOwnSpeechWithin1Db(bool gate, int channels)
    {
        var token = FfmpegTools.Timeout(180);
        var tracks = await RenderTracksAsync(TwoSpeakerShow.DryBleed, new MultitrackSettings(gate, Crossgate: false), token, channels);

        foreach (var (id, mic, own, other) in Speakers(TwoSpeakerShow.DryBleed))
        {
            var (bleed, speech) = await ChangesAsync(mic, tracks[id], own, other, token, channels);
            output.WriteLine($"gate {(gate ? "on" : "off")}, {(channels == 1 ? "mono" : "stereo")} production, bleed {TwoSpeakerShow.DryBleed} dB: {id} bleed {bleed:+0.0;-0.0;0.0} dB, own speech {speech:+0.00;-0.00;0.00} dB");
            Assert.InRange(speech, -1, 1);
            if (gate)
            {
                Assert.True(bleed <= -20, $"{id}'s bleed changed by {bleed} dB.");
            }
            else
            {
                Assert.True(bleed > -1, $"{id}'s bleed changed by {bleed} dB without a gate.");
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Crossgate_LiveRoom_BleedDownAtLeast20DbWhereTheGateAloneCannot(bool crossgate)
    {
        var token = FfmpegTools.Timeout(180);
        var tracks = await RenderTracksAsync(TwoSpeakerShow.LiveBleed, new MultitrackSettings(Gate: true, crossgate), token);

        foreach (var (id, mic, own, other) in Speakers(TwoSpeakerShow.LiveBleed))
        {
            var (bleed, speech) = await ChangesAsync(mic, tracks[id], own, other, token);
            output.WriteLine($"gate on, crossgate {(crossgate ? "on" : "off")}, bleed {TwoSpeakerShow.LiveBleed} dB: {id} bleed {bleed:+0.0;-0.0;0.0} dB, own speech {speech:+0.00;-0.00;0.00} dB");
            Assert.InRange(speech, -1, 1);
            if (crossgate)
            {
                Assert.True(bleed <= -20, $"{id}'s bleed changed by {bleed} dB.");
            }
            else
            {
                Assert.True(bleed > -20, $"The level gate alone took {id}'s bleed down {bleed} dB.");
            }
        }
    }

    [Theory]
    [InlineData(TrackRole.Background, true)]
    [InlineData(TrackRole.Ducking, true)]
    [InlineData(TrackRole.Auto, true)]
    [InlineData(TrackRole.Unchanged, false)]
    public async Task Ducking_MusicWhileSpeaking_AtLeast10DbUnderTheGap(TrackRole role, bool ducks)
    {
        var token = FfmpegTools.Timeout(180);
        var (gains, tracks, _) = await RenderAsync(
            [("A", show.MicA(TwoSpeakerShow.DryBleed), TrackRole.Auto), ("B", show.MicB(TwoSpeakerShow.DryBleed), TrackRole.Auto), ("music", show.Music, role)],
            new MultitrackSettings(Gate: true, Crossgate: false), normalise: false, token);

        // The gap's middle: after the ducking's hold and rise.
        var (gapStart, gapEnd) = show.Silence;
        var speaking = await TwoSpeakerShow.RmsLevelAsync(tracks["music"], show.TurnsA.Concat(show.TurnsB), token);
        var gap = await TwoSpeakerShow.RmsLevelAsync(tracks["music"], [(gapStart + 1.5, gapEnd - 0.5)], token);
        output.WriteLine($"music as {role} (decided {gains[2].Role}; A {gains[0].Role}, B {gains[1].Role}): {speaking:0.0} dBFS while speaking, " +
            $"{gap:0.0} dBFS in the gap: {speaking - gap:+0.0;-0.0;0.0} dB");
        if (ducks)
        {
            Assert.Equal(TrackRole.Foreground, gains[0].Role);
            Assert.True(speaking - gap <= -10, $"The music was only {speaking - gap} dB lower while speaking.");
        }
        else
        {
            Assert.True(speaking - gap > -1, $"Unchanged music was {speaking - gap} dB lower while speaking.");
        }
    }

    [Theory]
    [InlineData("wav.zip", false)]
    [InlineData("flac.zip", false)]
    [InlineData("wav.zip", true)]
    public async Task Tracks_Zip_OneFilePerTrackAsLongAsTheMixdownToTheSample(string ending, bool withIntro)
    {
        var token = FfmpegTools.Timeout(180);
        var folder = NewFolder();
        var files = await RenderFilesAsync(
            [("Speaker A", show.MicA(TwoSpeakerShow.DryBleed), TrackRole.Foreground), ("speaker/b", show.MicB(TwoSpeakerShow.DryBleed), TrackRole.Foreground),
                ("music", show.Music, TrackRole.Background)],
            new MultitrackSettings(Gate: true, Crossgate: true), normalise: true,
            [new("wav", null, "mix.wav", false, false), new("tracks", null, "show." + ending, false, false)], folder, token,
            intro: withIntro ? show.Intro : null);

        var zip = files.Single(file => file.Output.Format == "tracks");
        var mixSamples = await SampleCount.ReadAsync(files.Single(file => file.Output.Format == "wav").Path, token);
        var extracted = Path.Combine(folder, "extracted");
        await ZipFile.ExtractToDirectoryAsync(zip.Path, extracted, token);
        var entries = Directory.GetFiles(extracted).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        output.WriteLine($"{ending}{(withIntro ? " after an intro" : "")}: {zip.MimeType}, {zip.Length} bytes, entries {string.Join(", ", entries)}; mixdown {mixSamples} samples");
        Assert.Equal("application/zip", zip.MimeType);
        var partEnding = ending[..^4];
        Assert.Equal([$"Speaker_A.{partEnding}", $"music.{partEnding}", $"speaker_b.{partEnding}"], entries);
        foreach (var entry in entries)
        {
            var samples = await SampleCount.ReadAsync(Path.Combine(extracted, entry!), token);
            var probe = await FfmpegTools.Prober().ProbeAsync(Path.Combine(extracted, entry!), cancellationToken: token);
            output.WriteLine($"  {entry}: {samples} samples, {probe.Duration?.TotalSeconds:0.000} s");
            Assert.Equal(mixSamples, samples);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Mixdown_BothSpeakersAndTheMastersLoudness(bool normalise)
    {
        var token = FfmpegTools.Timeout(180);
        var files = await RenderFilesAsync(
            [("A", show.MicA(TwoSpeakerShow.DryBleed), TrackRole.Foreground), ("B", show.MicB(TwoSpeakerShow.DryBleed), TrackRole.Foreground)],
            new MultitrackSettings(Gate: true, Crossgate: true), normalise,
            [new("wav", null, "mix.wav", false, false)], NewFolder(), token);

        var mix = files.Single().Path;
        var loudness = await new LoudnessAnalyser(Runner).MeasureAsync(mix, null, token);
        var a = await TwoSpeakerShow.RmsLevelAsync(mix, show.TurnsA, token);
        var b = await TwoSpeakerShow.RmsLevelAsync(mix, show.TurnsB, token);
        var gap = await TwoSpeakerShow.RmsLevelAsync(mix, [(show.Silence.Start + 0.5, show.Silence.End - 0.2)], token);
        output.WriteLine($"normalise {(normalise ? "on" : "off")}: mixdown {loudness.IntegratedLoudness} LUFS (target {Target}), {loudness.TruePeak} dBTP; " +
            $"A's turns {a:0.0} dBFS, B's turns {b:0.0} dBFS, the gap {gap:0.0} dBFS");
        Assert.True(a > gap + 30, $"A's turns are at {a} dBFS, the gap at {gap} dBFS.");
        Assert.True(b > gap + 30, $"B's turns are at {b} dBFS, the gap at {gap} dBFS.");
        if (normalise)
        {
            Assert.InRange(loudness.IntegratedLoudness, Target - 0.5, Target + 0.5);
        }
        else
        {
            Assert.False(Math.Abs(loudness.IntegratedLoudness - Target) <= 0.5, "The unnormalised mix was at the target already.");
        }
    }

    private IEnumerable<(string Id, string Mic, List<(double, double)> Own, List<(double, double)> Other)> Speakers(double bleed) =>
    [
        ("A", show.MicA(bleed), show.TurnsA, show.TurnsB),
        ("B", show.MicB(bleed), show.TurnsB, show.TurnsA),
    ];

    /// <summary>How much the processed track changed from the microphone over the other's turns (its bleed) and its own.</summary>
    /// <remarks>In a stereo production the mono microphone is compared as the render makes it stereo.</remarks>
    private static async Task<(double Bleed, double Speech)> ChangesAsync(
        string mic, string processed, List<(double, double)> own, List<(double, double)> other, CancellationToken token, int channels = 1)
    {
        var asRendered = channels == 1 ? "anull" : "aformat=channel_layouts=stereo";
        return (await TwoSpeakerShow.RmsLevelAsync(processed, other, token) - await TwoSpeakerShow.RmsLevelAsync(mic, other, token, asRendered),
            await TwoSpeakerShow.RmsLevelAsync(processed, own, token) - await TwoSpeakerShow.RmsLevelAsync(mic, own, token, asRendered));
    }

    private async Task<Dictionary<string, string>> RenderTracksAsync(double bleed, MultitrackSettings settings, CancellationToken token, int channels = 1) =>
        (await RenderAsync([("A", show.MicA(bleed), TrackRole.Foreground), ("B", show.MicB(bleed), TrackRole.Foreground)], settings, normalise: false, token, channels)).Tracks;

    /// <summary>Renders the tracks with a wav.zip tracks output and returns each processed track's file by id.</summary>
    private async Task<(IReadOnlyList<TrackGain> Gains, Dictionary<string, string> Tracks, string Folder)> RenderAsync(
        IReadOnlyList<(string Id, string Path, TrackRole Role)> tracks, MultitrackSettings settings, bool normalise, CancellationToken token, int channels = 1)
    {
        var folder = NewFolder();
        var gains = new List<TrackGain>();
        var files = await RenderFilesAsync(tracks, settings, normalise, [new("tracks", null, "tracks.wav.zip", false, false)], folder, token, gains, channels: channels);
        var extracted = Path.Combine(folder, "extracted");
        await ZipFile.ExtractToDirectoryAsync(files.Single().Path, extracted, token);
        return (gains, tracks.ToDictionary(track => track.Id, track => Path.Combine(extracted, track.Id + ".wav")), folder);
    }

    private async Task<IReadOnlyList<RenderedProductionFile>> RenderFilesAsync(
        IReadOnlyList<(string Id, string Path, TrackRole Role)> tracks, MultitrackSettings settings, bool normalise,
        IReadOnlyList<ProductionOutputFile> outputs, string folder, CancellationToken token, List<TrackGain>? gains = null, string? intro = null, int channels = 1)
    {
        var reader = new LevelEnvelopeReader(Runner);
        var envelopes = await Task.WhenAll(tracks.Select(track => reader.ReadAsync(track.Path, null, token)));
        var planned = MultitrackGainPlanner.Plan([.. tracks.Select((track, i) => new MultitrackTrack(track.Id, envelopes[i], track.Role))], settings);
        gains?.AddRange(planned);
        var renderTracks = new List<ProductionRenderTrack>();
        for (var i = 0; i < tracks.Count; i++)
        {
            var probe = await FfmpegTools.Prober().ProbeAsync(tracks[i].Path, cancellationToken: token);
            renderTracks.Add(new ProductionRenderTrack(tracks[i].Id, tracks[i].Path, [], null, probe.Duration!.Value, 1, planned[i]));
        }

        var loudness = new LoudnessSettings(normalise, Target, -1, Filtering: false);
        var measurer = new MultitrackMixMeasurer(new ProductionAnalysisPass(Runner));
        var measured = await measurer.MeasureAsync(renderTracks, null, LoudnessPlanner.PreLoudnessFilter(loudness), TwoSpeakerShow.SampleRate, channels, token);
        var master = await measurer.PlanAsync(renderTracks, null, loudness, null, TwoSpeakerShow.SampleRate, channels, token);
        output.WriteLine($"mix measured: {measured.IntegratedLoudness} LUFS, {measured.TruePeak} dBTP; master gain {master.GainDecibels:0.00} dB, " +
            $"limiter {master.LimiterCeiling?.ToString("0.0", CultureInfo.InvariantCulture) ?? "none"}");
        ProductionRenderInput? introInput = null;
        if (intro is not null)
        {
            var introProbe = await FfmpegTools.Prober().ProbeAsync(intro, cancellationToken: token);
            introInput = new ProductionRenderInput(intro, [], master with { PreLoudnessFilter = null }, introProbe.Duration!.Value, false, 1);
        }

        var spec = new ProductionRenderSpec(
            ProductionRenderInput.Mixed(renderTracks, master, channels), introInput, null, outputs, new ProductionMetadata(), [], null, [], folder);
        var renderer = new ProductionRenderer(Runner, FfmpegTools.Prober(), new EncoderLoudnessCalibrator(Runner, new LoudnessAnalyser(Runner)));
        return await renderer.RenderAsync(spec, cancellationToken: token);
    }

    private string NewFolder() => Path.Combine(show.Folder, Guid.NewGuid().ToString("N"));
}
