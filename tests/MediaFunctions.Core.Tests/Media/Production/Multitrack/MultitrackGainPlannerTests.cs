using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Multitrack;

namespace MediaFunctions.Core.Tests.Media.Production.Multitrack;

/// <summary>The gain planner's refusals; its effects are measured on rendered audio in <see cref="MultitrackRenderTests"/>.</summary>
public sealed class MultitrackGainPlannerTests
{
    private static LevelEnvelope Envelope(TimeSpan frame) => new(frame, [-60, -20, -20, -60]);

    [Fact]
    public void Plan_TwoTracksWithOneId_Throws() =>
        Assert.Throws<ArgumentException>(() => MultitrackGainPlanner.Plan(
            [new("a", Envelope(LevelEnvelope.StandardFrame), TrackRole.Auto), new("a", Envelope(LevelEnvelope.StandardFrame), TrackRole.Auto)],
            new MultitrackSettings(true, true)));

    [Fact]
    public void Plan_EnvelopesOfDifferentFrames_Throws() =>
        Assert.Throws<ArgumentException>(() => MultitrackGainPlanner.Plan(
            [new("a", Envelope(LevelEnvelope.StandardFrame), TrackRole.Auto), new("b", Envelope(TimeSpan.FromMilliseconds(20)), TrackRole.Auto)],
            new MultitrackSettings(true, true)));

    [Fact]
    public void Plan_Unchanged_AllOnes()
    {
        var gains = MultitrackGainPlanner.Plan([new("a", Envelope(LevelEnvelope.StandardFrame), TrackRole.Unchanged)], new MultitrackSettings(true, true));

        Assert.True(gains[0].IsUnity);
    }
}
