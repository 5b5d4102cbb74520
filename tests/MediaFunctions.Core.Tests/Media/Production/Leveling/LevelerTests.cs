using MediaFunctions.Core.Media.Production.Leveling;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Leveling;

/// <summary>The leveler on two speakers 12 dB apart and on a music bed: the speakers met, the bed not pumped.</summary>
public class LevelerTests(Dialogue media, ITestOutputHelper output) : IClassFixture<Dialogue>
{
    private const double MaxLoudnessRangeChange = 2;

    /// <param name="inputGainDecibels">The conversation recorded this much louder or quieter: the leveler must not care.</param>
    [Theory]
    [InlineData(100, 0, 0, 3)]
    [InlineData(100, -15, 0, 3)]
    [InlineData(100, 6, 0, 3)]
    [InlineData(30, 0, 2, 9)]
    [InlineData(0, 0, 10, 14)]
    public async Task Chain_TwoSpeakers12DbApart_SpreadBetweenTurns(double strength, double inputGainDecibels, double minSpread, double maxSpread)
    {
        var token = FfmpegTools.Timeout();
        var loudness = (await ProducedAudio.LoudnessAsync(media.Conversation, token)).IntegratedLoudness + inputGainDecibels;
        string?[] stages = [inputGainDecibels == 0 ? null : $"volume={inputGainDecibels}dB", Leveler.Chain(strength, loudness)];
        var chain = stages.Any(stage => stage is not null) ? string.Join(',', stages.OfType<string>()) : null;
        var rendered = await ProducedAudio.RenderAsync(media.Conversation, chain, token);

        var levels = new List<double>();
        foreach (var span in media.TurnSpans)
        {
            levels.Add(await ProducedAudio.RmsLevelAsync(rendered, [span], token));
        }

        var spread = levels.Max() - levels.Min();
        output.WriteLine($"levelerstrength {strength}, input {inputGainDecibels:+0;-0;0} dB: turns at {string.Join(" / ", levels.Select(level => level.ToString("0.0")))} dBFS, spread {spread:0.00} dB");
        Assert.InRange(spread, minSpread, maxSpread);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Chain_MusicBed_LoudnessRangeWithin2Lu(bool leveler)
    {
        var token = FfmpegTools.Timeout();
        var before = await ProducedAudio.LoudnessAsync(media.MusicBed, token);

        // The other case is a normalizer that follows each peak, to show the meter catches pumping.
        var chain = leveler ? Leveler.Chain(Leveler.MaxStrength, before.IntegratedLoudness) : "speechnorm=e=12.5:r=0.0001:l=1";
        var after = await ProducedAudio.LoudnessAsync(await ProducedAudio.RenderAsync(media.MusicBed, chain, token), token);

        var change = after.LoudnessRange - before.LoudnessRange;
        output.WriteLine($"{(leveler ? "leveler" : "speechnorm")}: music bed LRA {before.LoudnessRange} → {after.LoudnessRange} LU ({change:+0.0;-0.0;0.0} LU)");
        Assert.Equal(leveler, Math.Abs(change) < MaxLoudnessRangeChange);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Chain_StrengthOutOfRange_Throws(double strength) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Leveler.Chain(strength, -23));
}
