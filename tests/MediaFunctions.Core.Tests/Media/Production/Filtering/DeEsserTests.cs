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
        var loudness = (await ProducedAudio.LoudnessAsync(input, token)).IntegratedLoudness;
        var (sibilants, voice) = await ChangeAsync(input, DeEsser.Chain(loudness), token);

        output.WriteLine($"{gainDecibels:+0;-0;0} dB ({loudness} LUFS): 5–10 kHz {sibilants:+0.00;-0.00} dB, 200 Hz–3.5 kHz {voice:+0.00;-0.00} dB");
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
    public async Task Deesser_WithoutTheReferenceGain_LeavesQuietSpeechAlone()
    {
        // Why the chain levels the input first: ffmpeg's deesser alone misses sibilants 15 dB under the reference.
        var (sibilants, _) = await ChangeAsync(media.At(-15), $"deesser=i={DeEsser.Intensity}", FfmpegTools.Timeout());

        output.WriteLine($"bare deesser at −15 dB: 5–10 kHz {sibilants:+0.00;-0.00} dB");
        Assert.True(sibilants > -1, $"The sibilant band changed by {sibilants} dB.");
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
