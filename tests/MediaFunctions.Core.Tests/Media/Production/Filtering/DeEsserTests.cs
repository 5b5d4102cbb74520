using MediaFunctions.Core.Media.Production.Filtering;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Filtering;

/// <summary>The de-esser on spoken sibilants: the 5–10 kHz band down, the voice band kept, at any input level.</summary>
public class DeEsserTests(SibilantSpeech media, ITestOutputHelper output) : IClassFixture<SibilantSpeech>
{
    public const double MinSibilanceReduction = 4;
    public const double VoiceTolerance = 1;

    [Theory]
    [InlineData(-15)]
    [InlineData(0)]
    [InlineData(6)]
    public async Task Chain_SibilantSpeech_SibilantsDownAtLeast4DbVoiceWithin1Db(double gainDecibels)
    {
        var token = FfmpegTools.Timeout();
        var input = media.At(gainDecibels);
        var measured = await ProducedAudio.LoudnessAsync(input, token);
        var (sibilants, voice) = await ChangeAsync(input, DeEsser.Chain(measured.IntegratedLoudness, measured.TruePeak), token);

        output.WriteLine($"{gainDecibels:+0;-0;0} dB ({measured.IntegratedLoudness} LUFS, {measured.TruePeak} dBTP): 5–10 kHz {sibilants:+0.00;-0.00} dB, 200 Hz–3.5 kHz {voice:+0.00;-0.00} dB");
        Assert.True(sibilants <= -MinSibilanceReduction, $"The sibilant band changed by {sibilants} dB.");
        Assert.InRange(voice, -VoiceTolerance, VoiceTolerance);
    }

    [Fact]
    public async Task Chain_Off_SibilantsUnchanged()
    {
        var (sibilants, voice) = await ChangeAsync(media.At(0), null, FfmpegTools.Timeout());

        output.WriteLine($"no de-esser: 5–10 kHz {sibilants:+0.00;-0.00} dB, 200 Hz–3.5 kHz {voice:+0.00;-0.00} dB");
        Assert.InRange(sibilants, -0.1, 0.1);
    }

    [Fact]
    public async Task Deesser_WithoutTheReferenceGain_MissesQuietSibilants()
    {
        // Why the chain levels the input first: ffmpeg's deesser alone barely touches a quiet recording's sibilants.
        var (sibilants, _) = await ChangeAsync(media.At(-15), $"deesser=i={DeEsser.Intensity}", FfmpegTools.Timeout());

        output.WriteLine($"bare deesser at −15 dB (−38 LUFS): 5–10 kHz {sibilants:+0.00;-0.00} dB");
        Assert.True(sibilants > -MinSibilanceReduction, $"The sibilant band changed by {sibilants} dB.");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Chain_PeakyQuietSpeech_PeaksStayPut(bool peakCeiling)
    {
        var token = FfmpegTools.Timeout();
        var before = await ProducedAudio.LoudnessAsync(media.Peaky, token);

        // The other case levels by loudness alone, to show what the ceiling prevents.
        var gain = DeEsser.ReferenceLoudness - before.IntegratedLoudness;
        var chain = peakCeiling
            ? DeEsser.Chain(before.IntegratedLoudness, before.TruePeak)
            : FormattableString.Invariant($"volume={gain}dB,deesser=i={DeEsser.Intensity},volume={-gain}dB");
        var after = await ProducedAudio.LoudnessAsync(await ProducedAudio.RenderAsync(media.Peaky, chain, token), token);

        output.WriteLine($"{(peakCeiling ? "with" : "without")} the peak ceiling: {before.IntegratedLoudness} LUFS, {before.TruePeak} dBTP → {after.TruePeak} dBTP");
        Assert.Equal(peakCeiling, after.TruePeak <= before.TruePeak + 0.5);
    }

    private static async Task<(double Sibilants, double Voice)> ChangeAsync(string input, string? chain, CancellationToken cancellationToken)
    {
        var rendered = await ProducedAudio.RenderAsync(input, chain, cancellationToken);
        return (await ChangeAsync(input, rendered, SibilantSpeech.SibilantBand, cancellationToken),
            await ChangeAsync(input, rendered, SibilantSpeech.VoiceBand, cancellationToken));
    }

    private static async Task<double> ChangeAsync(string before, string after, string band, CancellationToken cancellationToken) =>
        await ProducedAudio.RmsLevelAsync(after, band, cancellationToken) - await ProducedAudio.RmsLevelAsync(before, band, cancellationToken);
}
