using System.Diagnostics;
using System.Globalization;
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
/// A ten-minute two-speaker show (<see cref="TwoSpeakerShow"/> looped) through every step of a multitrack production, timed:
/// the gain curves' cost does not grow with the number of gate openings.
/// </summary>
public class MultitrackSpeedTests(TwoSpeakerShow show, ITestOutputHelper output) : IClassFixture<TwoSpeakerShow>
{
    private const double Minutes = 10;

    private static readonly FfmpegRunner Runner = FfmpegTools.Runner();

    [Fact]
    public async Task Production_TenMinuteShow_RendersAtLeastTenTimesFasterThanRealTime()
    {
        var token = FfmpegTools.Timeout(300);
        var folder = Path.Combine(show.Folder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var loops = (int)Math.Ceiling(Minutes * 60 / show.Length) - 1;
        string[] mics = [show.MicA(TwoSpeakerShow.DryBleed), show.MicB(TwoSpeakerShow.DryBleed), show.Music];
        var tracks = await Task.WhenAll(mics.Select(async (mic, i) =>
        {
            var looped = Path.Combine(folder, $"long{i}.wav");
            await Runner.RunAsync(
                ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-stream_loop", loops.ToString(CultureInfo.InvariantCulture), "-i", mic, "-c:a", "pcm_s16le", looped],
                cancellationToken: token);
            return looped;
        }));
        var length = (await FfmpegTools.Prober().ProbeAsync(tracks[0], cancellationToken: token)).Duration!.Value;

        var clock = Stopwatch.StartNew();
        var reader = new LevelEnvelopeReader(Runner);
        var envelopes = await Task.WhenAll(tracks.Select(track => reader.ReadAsync(track, null, token)));
        var envelopeTime = clock.Elapsed;
        var gains = MultitrackGainPlanner.Plan(
            [new("A", envelopes[0], TrackRole.Foreground), new("B", envelopes[1], TrackRole.Foreground), new("music", envelopes[2], TrackRole.Background)],
            new MultitrackSettings(Gate: true, Crossgate: true));
        var planTime = clock.Elapsed - envelopeTime;
        var openings = gains.Sum(gain => gain.Factors.Zip(gain.Factors.Skip(1)).Count(pair => pair.First < pair.Second && pair.First == 0));
        List<ProductionRenderTrack> renderTracks = [.. tracks.Select((track, i) => new ProductionRenderTrack(gains[i].Id, track, [], null, length, 1, gains[i]))];
        // NOTE: −23 LUFS needs no limiter, so the plan is one measurement; a limiting plan is measured again up to
        // LoudnessAnalyser.MaxRefinements times, at 192 kHz, as a single track's is.
        var master = await new MultitrackMixMeasurer(new ProductionAnalysisPass(Runner)).PlanAsync(renderTracks, null, new LoudnessSettings(true, -23, -1, false), null, TwoSpeakerShow.SampleRate, 1, token);
        var measureTime = clock.Elapsed - envelopeTime - planTime;
        var spec = new ProductionRenderSpec(
            ProductionRenderInput.Mixed(renderTracks, master, 1), null, null,
            [new("wav", null, "mix.wav", false, false), new("tracks", null, "show.flac.zip", false, false)], new ProductionMetadata(), [], null, [], folder);
        var files = await new ProductionRenderer(Runner, FfmpegTools.Prober(), new EncoderLoudnessCalibrator(Runner, new LoudnessAnalyser(Runner)))
            .RenderAsync(spec, cancellationToken: token);
        var renderTime = clock.Elapsed - envelopeTime - planTime - measureTime;
        var total = clock.Elapsed;

        var gainFileBytes = gains.Sum(gain => (gain.Factors.Count + gain.FramesPerSecond) * sizeof(float));
        output.WriteLine($"{length.TotalMinutes:0.0} min, 3 tracks, {openings} gate openings: envelopes {envelopeTime.TotalSeconds:0.0} s, " +
            $"gains {planTime.TotalSeconds:0.00} s, mix measured {measureTime.TotalSeconds:0.0} s (master gain {master.GainDecibels:0.0} dB, limiter {master.LimiterCeiling?.ToString(CultureInfo.InvariantCulture) ?? "none"}), " +
            $"render (wav + flac.zip) {renderTime.TotalSeconds:0.0} s; total {total.TotalSeconds:0.0} s = {length / total:0.0}× real time; gain files {gainFileBytes / 1024} KiB; " +
            $"zip {files[1].Length / 1024 / 1024} MiB");
        Assert.True(length / total >= 10, $"{length.TotalMinutes:0.0} minutes took {total.TotalSeconds:0.0} s.");
    }
}
