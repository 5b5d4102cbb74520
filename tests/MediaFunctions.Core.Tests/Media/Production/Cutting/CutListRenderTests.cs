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

    private static async Task<TimeSpan> DurationAsync(string path, CancellationToken cancellationToken) =>
        (await FfmpegTools.Prober().ProbeAsync(path, cancellationToken: cancellationToken)).Duration!.Value;

    private static TimeRange Span(double start, double end) => new(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end));
}
