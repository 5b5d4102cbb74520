using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Loudness;

/// <summary>Measure → plan → render with the service's ffmpeg, then the output measured by ebur128 and astats.</summary>
public class LoudnessRenderTests(SpokenMedia media, ITestOutputHelper output) : IClassFixture<SpokenMedia>
{
    private const double LoudnessTolerance = 0.5;
    private const double PeakTolerance = 0.1;

    private static readonly LoudnessAnalyser Analyser = new(FfmpegTools.Runner());

    /// <summary>A narrow band around <paramref name="hz"/>: three cascaded 2-pole band-passes (Q = 5), 44 dB down at 30 Hz from 50 Hz.</summary>
    private static string Band(double hz) => string.Join(',', Enumerable.Repeat($"bandpass=f={hz}:width_type=q:width=5", 3));

    /// <summary>The voice band, 200 Hz–4 kHz, with the hum 90 dB down.</summary>
    private const string VoiceBand = "highpass=f=180,highpass=f=180,highpass=f=180,highpass=f=180,lowpass=f=4500";

    [Theory]
    [InlineData("quiet", -16, -1)]
    [InlineData("quiet", -23, -1)]
    [InlineData("quiet", -31, -1)]
    [InlineData("loud", -16, -1)]
    [InlineData("loud", -23, -2)]
    [InlineData("loud", -31, -1)]
    [InlineData("peaky", -16, -1)]
    [InlineData("peaky", -13, -2)]
    public async Task PlanAsync_Rendered_MeetsTheTargetUnderMaxPeak(string input, double target, double maxPeak)
    {
        var token = FfmpegTools.Timeout();
        var path = SpokenMedia.Inputs[input](media);
        var before = await Analyser.MeasureAsync(path, null, token);

        var plan = await Analyser.PlanAsync(path, new LoudnessSettings(true, target, maxPeak, Filtering: true), SpokenMedia.SampleRate, token);
        var after = await Analyser.MeasureAsync(await SpokenMedia.RenderAsync(path, plan.AudioFilter, token), null, token);

        output.WriteLine($"{input}: {before.IntegratedLoudness} LUFS / {before.TruePeak} dBTP → gain {plan.GainDecibels:0.0} dB, " +
            $"limiter {plan.LimiterCeiling?.ToString("0.0") ?? "none"} → {after.IntegratedLoudness} LUFS " +
            $"(error {after.IntegratedLoudness - target:+0.0;-0.0;0.0} LU) / {after.TruePeak} dBTP (max {maxPeak})");
        Assert.InRange(after.IntegratedLoudness, target - LoudnessTolerance, target + LoudnessTolerance);
        Assert.True(after.TruePeak <= maxPeak + PeakTolerance, $"True peak {after.TruePeak} dBTP is over {maxPeak} dBTP.");
    }

    [Fact]
    public async Task RefineLimiterAsync_LongPeakyInput_RenderedAtTheTargetUnderMaxPeak()
    {
        var token = FfmpegTools.Timeout(180);
        // Ten minutes of the peaky voice: long enough for the limiter's loss to be measured on excerpts.
        var path = media.NewPath("peaky-10min.wav");
        await FfmpegTools.Runner().RunAsync(["-hide_banner", "-loglevel", "error", "-y", "-stream_loop", "49", "-i", media.Peaky, "-c:a", "pcm_f32le", path],
            cancellationToken: token);
        var settings = new LoudnessSettings(true, -16, -1, Filtering: false);
        var planned = LoudnessPlanner.Plan(settings, await Analyser.MeasureAsync(path, null, token), SpokenMedia.SampleRate);

        var refined = await Analyser.RefineLimiterAsync(path, planned, TimeSpan.FromSeconds(600), token);

        var before = await Analyser.MeasureAsync(path, planned.AudioFilter, token);
        var after = await Analyser.MeasureAsync(path, refined.AudioFilter, token);
        output.WriteLine($"limited: {before.IntegratedLoudness} LUFS; refined on excerpts (+{refined.GainDecibels - planned.GainDecibels:0.00} dB): {after.IntegratedLoudness} LUFS, {after.TruePeak} dBTP");
        Assert.NotNull(planned.LimiterCeiling);
        Assert.True(Math.Abs(after.IntegratedLoudness - -16) <= 0.3, $"{after.IntegratedLoudness} LUFS");
        Assert.True(after.TruePeak <= -1, $"{after.TruePeak} dBTP");
    }

    [Fact]
    public async Task PlanAsync_PeakyInputAtALoudTarget_Limits()
    {
        var plan = await Analyser.PlanAsync(media.Peaky, new LoudnessSettings(true, -16, -1, Filtering: false), SpokenMedia.SampleRate, FfmpegTools.Timeout());

        Assert.NotNull(plan.LimiterCeiling);
    }

    [Theory]
    [InlineData("quiet", 50)]
    [InlineData("loud", 50)]
    [InlineData("hum60", 60)]
    public async Task Filtering_HumAndRumble_DownAtLeast20DbAndVoiceWithin1Db(string input, double humHz)
    {
        var token = FfmpegTools.Timeout();
        var path = SpokenMedia.Inputs[input](media);
        var filtered = await SpokenMedia.RenderAsync(path, LoudnessPlanner.PreLoudnessFilter(new(false, -23, -1, Filtering: true)), token);

        var hum = await ChangeAsync(path, filtered, Band(humHz), token);
        var rumble = await ChangeAsync(path, filtered, Band(30), token);
        var voice = await ChangeAsync(path, filtered, VoiceBand, token);

        output.WriteLine($"{input}: {humHz} Hz hum {hum:+0.0;-0.0} dB, 30 Hz rumble {rumble:+0.0;-0.0} dB, voice band {voice:+0.00;-0.00} dB");
        Assert.True(hum <= -20, $"{humHz} Hz hum changed by {hum} dB.");
        Assert.True(rumble <= -20, $"30 Hz rumble changed by {rumble} dB.");
        Assert.InRange(voice, -1, 1);
    }

    [Fact]
    public async Task Filtering_Off_HumAndRumbleUnchanged()
    {
        var token = FfmpegTools.Timeout();
        var plan = await Analyser.PlanAsync(media.Quiet, new LoudnessSettings(true, -23, -1, Filtering: false), SpokenMedia.SampleRate, token);
        var rendered = await SpokenMedia.RenderAsync(media.Quiet, plan.AudioFilter, token);

        // Everything moved by the loudness gain alone.
        var hum = await ChangeAsync(media.Quiet, rendered, Band(50), token) - plan.GainDecibels;
        var rumble = await ChangeAsync(media.Quiet, rendered, Band(30), token) - plan.GainDecibels;

        output.WriteLine($"filtering off: 50 Hz hum {hum:+0.00;-0.00} dB, 30 Hz rumble {rumble:+0.00;-0.00} dB beside the {plan.GainDecibels:0.0} dB gain");
        Assert.InRange(hum, -0.1, 0.1);
        Assert.InRange(rumble, -0.1, 0.1);
    }

    private static async Task<double> ChangeAsync(string before, string after, string band, CancellationToken cancellationToken) =>
        await SpokenMedia.RmsLevelAsync(after, band, cancellationToken) - await SpokenMedia.RmsLevelAsync(before, band, cancellationToken);
}
