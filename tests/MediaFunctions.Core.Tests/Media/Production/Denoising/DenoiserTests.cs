using MediaFunctions.Core.Media.Production.Denoising;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Denoising;

/// <summary>The denoiser on speech in white noise at 15 dB SNR: the pauses' floor down by the amount, the words kept.</summary>
public class DenoiserTests(NoisySpeech media, ITestOutputHelper output) : IClassFixture<NoisySpeech>
{
    private const double SpeechTolerance = 1;

    [Theory]
    [InlineData(6.0, 6.0)]
    [InlineData(12.0, 12.0)]
    [InlineData(0.0, 10.0)]
    [InlineData(100.0, 30.0)]
    [InlineData(null, -0.1)]
    public async Task Chain_NoisySpeech_FloorDownByTheAmountSpeechWithin1Db(double? amount, double minReduction)
    {
        var token = FfmpegTools.Timeout();
        var floor = await ProducedAudio.RmsLevelAsync(media.Noisy, media.PauseSpans, token);
        var speech = await ProducedAudio.RmsLevelAsync(media.Noisy, media.SpeechSpans, token);
        var chain = amount is { } decibels ? Denoiser.Chain(decibels, floor) : null;
        var rendered = await ProducedAudio.RenderAsync(media.Noisy, chain, token);

        var reduction = floor - await ProducedAudio.RmsLevelAsync(rendered, media.PauseSpans, token);
        var speechChange = await ProducedAudio.RmsLevelAsync(rendered, media.SpeechSpans, token) - speech;

        output.WriteLine($"denoiseamount {amount?.ToString() ?? "off"}: speech {media.SpeechLevel:0.0} dBFS, pauses {floor:0.0} dBFS " +
            $"(SNR {media.SpeechLevel - floor:0.0} dB) → floor down {reduction:0.00} dB, speech {speechChange:+0.00;-0.00;0.00} dB");
        Assert.True(reduction >= minReduction, $"The pauses' floor went down by {reduction} dB, less than {minReduction} dB.");
        if (amount is null)
        {
            Assert.True(reduction < 0.1, $"Without denoising the floor moved by {reduction} dB.");
        }

        Assert.InRange(speechChange, -SpeechTolerance, SpeechTolerance);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Chain_AmountOutOfRange_Throws(double amount) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Denoiser.Chain(amount, -40));
}
