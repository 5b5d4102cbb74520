using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.Media.Production.Filtering;
using MediaFunctions.Core.Media.Production.Loudness;

namespace MediaFunctions.Core.Tests.Media.Production.Loudness;

public class LoudnessPlannerTests
{
    private static readonly LoudnessMeasurement Quiet = new(-40, -30, 5, -50);

    [Fact]
    public void Plan_PeaksStayUnderTheCeiling_GainOnly()
    {
        var plan = LoudnessPlanner.Plan(new(true, -16, -1, false), Quiet, 48_000);

        Assert.Equal(24, plan.GainDecibels, 6);
        Assert.Null(plan.LimiterCeiling);
        Assert.Equal("volume=24dB", plan.AudioFilter);
    }

    [Fact]
    public void Plan_GainWouldLiftPeaksOverMaxPeak_LimitsAt192kHzUnderTheCeiling()
    {
        var plan = LoudnessPlanner.Plan(new(true, -16, -2, false), Quiet with { TruePeak = -19 }, 44_100);

        Assert.Equal(-2 - LoudnessPlanner.LimiterMarginDecibels - LoudnessPlanner.EncoderRoomDecibels, plan.LimiterCeiling);
        Assert.Equal("volume=24dB,aresample=192000,alimiter=limit=0.65313:attack=5:release=50:level=0:latency=1,aresample=44100", plan.AudioFilter);
    }

    [Fact]
    public void Plan_Filtering_FiltersComeFirst()
    {
        var plan = LoudnessPlanner.Plan(new(true, -23, -1, true), Quiet, 48_000);

        Assert.StartsWith(HumAndRumbleFilter.Chain() + ",volume=17dB", plan.AudioFilter, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NothingToDo_NoFilter() =>
        Assert.Null(LoudnessPlanner.Plan(new(false, -23, -1, false), Quiet, 48_000).AudioFilter);

    [Fact]
    public void Plan_Silence_NoGain() =>
        Assert.Equal(0, LoudnessPlanner.Plan(new(true, -16, -1, false), new(-70, double.NegativeInfinity, 0, -70), 48_000).GainDecibels);

    [Fact]
    public void Plan_InvalidSettings_Throws() =>
        Assert.Throws<ProductionSettingsException>(() => LoudnessPlanner.Plan(new(true, -10, -1, false), Quiet, 48_000));

    [Fact]
    public void Refine_RenderFellShort_AddsTheShortfallToTheGain()
    {
        var plan = LoudnessPlanner.Plan(new(true, -16, -1, false), Quiet with { TruePeak = -10 }, 48_000);

        var refined = LoudnessPlanner.Refine(plan, new(-17.5, -1.2, 5, -27));

        Assert.Equal(25.5, refined.GainDecibels, 6);
        Assert.Equal(plan.LimiterCeiling, refined.LimiterCeiling);
    }

    [Fact]
    public void Refine_AfterAnotherGain_StepsByTheLoudnessGainedPerDecibel()
    {
        var plan = LoudnessPlanner.Plan(new(true, -16, -1, false), Quiet with { TruePeak = -10 }, 48_000) with { GainDecibels = 25.5 };

        // 1.5 dB more gain bought 0.75 LU: half a LU a dB, so the last 0.5 LU takes 1 dB.
        var refined = LoudnessPlanner.Refine(plan, new(-16.5, -1.2, 5, -27), previous: (24, -17.25));

        Assert.Equal(26.5, refined.GainDecibels, 6);
    }

    [Fact]
    public void Chain_NotchesBothMainsFamilies()
    {
        var chain = HumAndRumbleFilter.Chain();

        Assert.Equal(2, chain.Split("highpass=f=75:poles=2").Length - 1);
        foreach (var hz in new[] { 50, 60, 100, 120, 150, 180 })
        {
            Assert.Contains($"bandreject=f={hz}:width_type=h:width=4", chain, StringComparison.Ordinal);
        }
    }
}
