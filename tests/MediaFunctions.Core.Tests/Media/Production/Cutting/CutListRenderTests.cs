using System.Diagnostics;
using System.Globalization;
using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Cutting;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Cutting;

/// <summary><see cref="CutList.Filter"/> rendered by the service's ffmpeg, the output measured by ffprobe and astats.</summary>
public sealed class CutListRenderTests(ITestOutputHelper output) : IDisposable
{
    private const int SampleRate = 48_000;

    private readonly string folder = Directory.CreateTempSubdirectory("mf-cuts-").FullName;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Filter_ToneOnlyInsideTheCuts_OutputWithoutTheToneAndShorterByTheCuts(bool cutting)
    {
        var token = FfmpegTools.Timeout();
        // A loud tone inside 2–4 s and 6–7 s of a 10 s input over a hum at −53.5 dBFS throughout: only a wrong cut leaves the tone.
        var input = Path.Combine(folder, "tone.wav");
        await SpeechLikeAudio.WriteAsync(input, "if(between(t,2,4)+between(t,6,7),0.5*sin(2*PI*1000*t),0)+0.003*sin(2*PI*200*t)", 10, token);
        var cuts = cutting ? new CutList([Span(2, 4), Span(6, 7)]) : CutList.Empty;

        var rendered = await RenderAsync(input, cuts.Filter(SampleRate), token);
        var duration = await DurationAsync(rendered, token);
        var level = await SpeechLikeAudio.RmsLevelAsync(rendered, "anull", token);

        output.WriteLine($"cuts {(cutting ? "on" : "off")}: removed {cuts.Removed.TotalSeconds} s → {duration.TotalSeconds:0.000} s of 10 s, RMS level {level:0.0} dBFS");
        if (cutting)
        {
            Assert.InRange(duration.TotalSeconds, 7 - 0.004, 7 + 0.004);
            Assert.True(level < -50, $"The tone inside the cuts was left at {level} dBFS.");
        }
        else
        {
            Assert.InRange(duration.TotalSeconds, 10 - 0.001, 10 + 0.001);
            Assert.True(level > -20, $"The tone read {level} dBFS.");
        }
    }

    [Fact]
    public async Task Filter_JoinsInAContinuousTone_ClickFarUnderAHardCut()
    {
        var token = FfmpegTools.Timeout();
        // A −6 dBFS 440 Hz tone cut where its waveform does not line up: a hard join jumps, and the jump is a click far above
        // 3 kHz, where the tone itself has nothing.
        var input = Path.Combine(folder, "a440.wav");
        await SpeechLikeAudio.WriteAsync(input, "0.5*sin(2*PI*440*t)", 10, token);
        var cuts = new CutList([Span(2.002, 3.038), Span(6.112, 7.222)]);
        const string HardCut = "asetnsamples=n=96:p=0,aselect='not(between(t,2.001,3.037)+between(t,6.111,7.221))',asetpts=N/SR/TB";

        var faded = await ClickLevelAsync(await RenderAsync(input, cuts.Filter(SampleRate), token), token);
        var hard = await ClickLevelAsync(await RenderAsync(input, HardCut, token), token);
        var uncut = await ClickLevelAsync(input, token);

        output.WriteLine($"peak above 3 kHz: {faded:0.0} dBFS with the filter's fades, {hard:0.0} dBFS with hard joins, {uncut:0.0} dBFS uncut");
        Assert.True(hard > -20, $"The hard joins read {hard} dBFS above 3 kHz.");
        Assert.True(faded <= hard - 12, $"The faded joins read {faded} dBFS above 3 kHz, the hard ones {hard} dBFS.");
    }

    [Fact]
    public async Task Filter_HundredCutsInTenMinutes_FastAndShorterByTheCuts()
    {
        var token = FfmpegTools.Timeout(300);
        var input = Path.Combine(folder, "ten-minutes.wav");
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-f", "lavfi", "-i", $"anoisesrc=color=pink:r={SampleRate}:a=0.1:d=600",
                "-c:a", "pcm_s16le", input],
            cancellationToken: token);
        // 100 cuts of 0.2–1.8 s at uneven places.
        var cuts = new CutList([.. Enumerable.Range(0, 100).Select(index => Span(index * 5.9 + 1.013, index * 5.9 + 1.213 + index % 9 * 0.2))]);

        var plain = Stopwatch.StartNew();
        await DurationAsync(await RenderAsync(input, null, token), token);
        plain.Stop();
        var cut = Stopwatch.StartNew();
        var rendered = await RenderAsync(input, cuts.Filter(SampleRate), token);
        cut.Stop();
        var duration = await DurationAsync(rendered, token);

        var expected = TimeSpan.FromSeconds(600) - cuts.Removed;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"100 cuts removing {cuts.Removed.TotalSeconds:0.000} s of 600 s: {duration.TotalSeconds:0.000} s out (expected {expected.TotalSeconds:0.000} s); " +
            $"rendered in {cut.Elapsed.TotalSeconds:0.00} s ({600 / cut.Elapsed.TotalSeconds:0}× real time), " +
            $"{plain.Elapsed.TotalSeconds:0.00} s ({600 / plain.Elapsed.TotalSeconds:0}× real time) without the cuts; filter {cuts.Filter(SampleRate)!.Length} characters"));
        Assert.InRange((duration - expected).Duration().TotalMilliseconds, 0, 100 * CutFilter.FrameDuration.TotalMilliseconds);
        Assert.True(600 / cut.Elapsed.TotalSeconds > 50, $"Cutting ran at {600 / cut.Elapsed.TotalSeconds}× real time.");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private async Task<string> RenderAsync(string input, string? filter, CancellationToken cancellationToken)
    {
        var rendered = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".wav");
        string[] audioFilter = filter is null ? [] : ["-af", filter];
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-i", input, .. audioFilter, "-c:a", "pcm_s16le", rendered],
            cancellationToken: cancellationToken);
        return rendered;
    }

    /// <summary>The peak (dBFS) above 3 kHz, three cascaded high-passes deep, read by astats: where a join's click shows.</summary>
    private static Task<double> ClickLevelAsync(string path, CancellationToken cancellationToken) =>
        Astats.OverallAsync(path, "highpass=f=3000,highpass=f=3000,highpass=f=3000", "Peak_level", "Peak level dB", cancellationToken);

    private static async Task<TimeSpan> DurationAsync(string path, CancellationToken cancellationToken) =>
        (await FfmpegTools.Prober().ProbeAsync(path, cancellationToken: cancellationToken)).Duration!.Value;

    private static TimeRange Span(double start, double end) => new(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end));
}
