using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Cutting;

namespace MediaFunctions.Core.Tests.Media.Production.Cutting;

public class SilenceCutterPlanTests
{
    [Fact]
    public void Plan_PausesAroundTheLimit_ShortensOnlyThoseOverItKeepingTheirEdges()
    {
        // Speech 2–4, 5–7, 7.8–9 and 11.5–12 of a 14 s track: a 2 s lead-in, pauses of 1 s, 0.8 s and 2.5 s, a 2 s tail.
        var speech = Activity(14, Span(2, 4), Span(5, 7), Span(7.8, 9), Span(11.5, 12));

        var cuts = SilenceCutter.Plan(speech);

        Assert.Equal([Span(0, 1.5), Span(9.25, 11.25), Span(12.5, 14)], cuts.Spans);
        Assert.Equal(TimeSpan.FromSeconds(5), cuts.Removed);
    }

    [Fact]
    public void Plan_NoSpeech_NothingCut()
    {
        var silence = new SpeechActivity([], [Span(0, 10)], LevelEnvelope.Silent, LevelEnvelope.Silent, TimeSpan.FromSeconds(10));

        Assert.Empty(SilenceCutter.Plan(silence).Spans);
    }

    private static SpeechActivity Activity(double seconds, params TimeRange[] speech)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        var pauses = speech.Prepend(new TimeRange(TimeSpan.Zero, TimeSpan.Zero)).Zip(speech.Append(new TimeRange(duration, duration)),
                (before, after) => new TimeRange(before.End, after.Start))
            .Where(pause => pause.Duration > TimeSpan.Zero)
            .ToArray();
        return new SpeechActivity(speech, pauses, -60, -20, duration);
    }

    private static TimeRange Span(double start, double end) => new(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end));
}
