using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Cutting;
using MediaFunctions.Core.Tests.Media.Production.Analysis;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Cutting;

/// <summary>
/// The issue's figure: six sentences with five 3 s pauses, their long pauses cut and the result rendered with the service's
/// ffmpeg; the output's length read by ffprobe and its speech by <see cref="SpeechActivity"/> on its envelope.
/// </summary>
public class SilenceCutterTests(SpokenPauses media, ITestOutputHelper output) : IClassFixture<SpokenPauses>
{
    /// <summary>Five 3 s pauses shortened to 0.5 s take 12.5 s out.</summary>
    private static readonly TimeSpan ExpectedShortening = TimeSpan.FromSeconds(12);

    private const double SpeechTolerance = 0.02;

    /// <summary>A mapped time may be a frame of the cut (2 ms) and a frame of the envelope (10 ms) off, at each of its cuts.</summary>
    private const double MapTolerance = 30;

    private static readonly LevelEnvelopeReader Reader = new(FfmpegTools.Runner());

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public async Task Plan_FiveThreeSecondPauses_RenderedShorterWithNoSpeechLost(bool cutterOn, bool noisy)
    {
        var token = FfmpegTools.Timeout(120);
        var recording = await media.RecordingAsync(SpokenPauses.LongPauses, 0, noisy, token);
        var before = SpeechActivity.Detect(await Reader.ReadAsync(recording.Path, null, token));

        var cuts = cutterOn ? SilenceCutter.Plan(before) : CutList.Empty;
        var rendered = media.NewPath("cut.wav");
        string[] filter = cuts.Filter(SpokenPauses.SampleRate) is { } chain ? ["-af", chain] : [];
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-i", recording.Path, .. filter, "-c:a", "pcm_f32le", rendered],
            cancellationToken: token);
        var inputDuration = (await FfmpegTools.Prober().ProbeAsync(recording.Path, cancellationToken: token)).Duration!.Value;
        var outputDuration = (await FfmpegTools.Prober().ProbeAsync(rendered, cancellationToken: token)).Duration!.Value;
        var after = SpeechActivity.Detect(await Reader.ReadAsync(rendered, null, token));

        var shortening = inputDuration - outputDuration;
        // Where the cut list says each sentence went, against where the output's own envelope finds it.
        var startErrors = before.Speech.Zip(after.Speech, (input, rendered) => (cuts.MapTime(input.Start)!.Value - rendered.Start).TotalMilliseconds).ToArray();
        var speechChange = (after.SpeechDuration - before.SpeechDuration) / before.SpeechDuration;
        output.WriteLine($"cutter {(cutterOn ? "on" : "off")}, {(noisy ? $"noise at {SpokenPauses.SignalToNoise} dB SNR" : "clean")}: " +
            $"{cuts.Spans.Count} cuts removing {cuts.Removed.TotalSeconds:0.000} s; {inputDuration.TotalSeconds:0.000} s → {outputDuration.TotalSeconds:0.000} s " +
            $"(−{shortening.TotalSeconds:0.000} s); speech {before.SpeechDuration.TotalSeconds:0.00} s → {after.SpeechDuration.TotalSeconds:0.00} s ({speechChange:+0.0%;-0.0%;0.0%}); " +
            $"longest pause {Longest(before)} s → {Longest(after)} s; sentence starts mapped {string.Join(", ", startErrors.Select(error => $"{error:+0;-0;0}"))} ms from the output's");
        Assert.InRange(Math.Abs(speechChange), 0, SpeechTolerance);
        Assert.Equal(before.Speech.Count, after.Speech.Count);
        Assert.All(startErrors, error => Assert.InRange(error, -MapTolerance, MapTolerance));
        if (cutterOn)
        {
            Assert.True(shortening >= ExpectedShortening, $"The output is {shortening.TotalSeconds} s shorter.");
            Assert.True(after.Pauses.All(pause => pause.Duration <= SilenceCutter.LongestPause), "A long pause is left.");
        }
        else
        {
            Assert.InRange(shortening.Duration().TotalMilliseconds, 0, 1);
        }
    }

    private static string Longest(SpeechActivity activity) =>
        activity.Pauses.Count == 0 ? "0" : activity.Pauses.Max(pause => pause.Duration).TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
