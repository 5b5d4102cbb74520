using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Analysis;

/// <summary>Speech and pauses read from the envelope of espeak-ng sentences joined with known pauses.</summary>
public class SpeechActivityTests(SpokenPauses media, ITestOutputHelper output) : IClassFixture<SpokenPauses>
{
    private static readonly TimeSpan EdgeTolerance = TimeSpan.FromMilliseconds(150);

    private static readonly LevelEnvelopeReader Reader = new(FfmpegTools.Runner());

    [Theory]
    [InlineData(0, false)]
    [InlineData(-35, false)]
    [InlineData(0, true)]
    [InlineData(-30, true)]
    public async Task Detect_SentencesWithKnownPauses_FindsEachPauseAndNoneInsideASentence(double gainDecibels, bool noisy) =>
        await AssertPausesFoundAsync(SpokenPauses.VariedPauses, gainDecibels, noisy);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Detect_OneSentenceInAMinute_FindsTheSentence(bool noisy) =>
        await AssertPausesFoundAsync(SpokenPauses.SparseSpeech, 0, noisy);

    [Fact]
    public void Detect_DigitalSilence_NoSpeechAndOnePause()
    {
        var activity = SpeechActivity.Detect(new LevelEnvelope(LevelEnvelope.StandardFrame, Enumerable.Repeat(LevelEnvelope.Silent, 300).ToArray()));

        Assert.Empty(activity.Speech);
        Assert.Equal([new TimeRange(TimeSpan.Zero, TimeSpan.FromSeconds(3))], activity.Pauses);
    }

    [Fact]
    public void Detect_SteadyLevel_AllSpeech()
    {
        var activity = SpeechActivity.Detect(new LevelEnvelope(LevelEnvelope.StandardFrame, Enumerable.Repeat(-20f, 300).ToArray()));

        Assert.Equal([new TimeRange(TimeSpan.Zero, TimeSpan.FromSeconds(3))], activity.Speech);
        Assert.Empty(activity.Pauses);
    }

    private async Task AssertPausesFoundAsync(double[] pauses, double gainDecibels, bool noisy)
    {
        var token = FfmpegTools.Timeout(120);
        var recording = await media.RecordingAsync(pauses, gainDecibels, noisy, token);

        var activity = SpeechActivity.Detect(await Reader.ReadAsync(recording.Path, null, token));

        output.WriteLine($"gain {gainDecibels} dB, {(noisy ? $"noise at {SpokenPauses.SignalToNoise} dB SNR" : "clean")}: " +
            $"noise floor {activity.NoiseFloor:0.0} dBFS, speech level {activity.SpeechLevel:0.0} dBFS, speech {activity.SpeechDuration.TotalSeconds:0.00} s");
        for (var index = 0; index < Math.Max(recording.Pauses.Count, activity.Pauses.Count); index++)
        {
            output.WriteLine($"  pause {index}: known {Describe(recording.Pauses, index)}, detected {Describe(activity.Pauses, index)}");
        }

        Assert.Equal(recording.Pauses.Count, activity.Pauses.Count);
        foreach (var (known, detected) in recording.Pauses.Zip(activity.Pauses))
        {
            Assert.InRange(detected.Start, known.Start - EdgeTolerance, known.Start + EdgeTolerance);
            Assert.InRange(detected.End, known.End - EdgeTolerance, known.End + EdgeTolerance);
        }
    }

    private static string Describe(IReadOnlyList<TimeRange> spans, int index) =>
        index < spans.Count ? $"{spans[index].Start.TotalSeconds:0.00}–{spans[index].End.TotalSeconds:0.00} s" : "none";
}
