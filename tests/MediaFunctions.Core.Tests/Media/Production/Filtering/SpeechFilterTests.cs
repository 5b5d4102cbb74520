using MediaFunctions.Core.Media.Production.Denoising;
using MediaFunctions.Core.Media.Production.Filtering;
using MediaFunctions.Core.Tests.Media.Production.Denoising;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Filtering;

/// <summary>
/// Auphonic's <c>filtering</c> on a sibilant voice over hum and rumble (all three down, the voice kept) and on speech in
/// white noise with the denoiser in its place.
/// </summary>
public class SpeechFilterTests(SibilantSpeech media, NoisySpeech noisy, ITestOutputHelper output) : IClassFixture<SibilantSpeech>, IClassFixture<NoisySpeech>
{
    /// <summary>A narrow band around <paramref name="hz"/>: three cascaded 2-pole band-passes (Q = 5).</summary>
    private static string Band(double hz) => string.Join(',', Enumerable.Repeat($"bandpass=f={hz}:width_type=q:width=5", 3));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Chain_HummedSibilantSpeech_HumRumbleAndSibilantsDownVoiceWithin1Db(bool filtering)
    {
        var token = FfmpegTools.Timeout();
        var input = media.Hummed;
        var measured = await ProducedAudio.LoudnessAsync(input, token);
        var chain = filtering ? SpeechFilter.Chain(measured.IntegratedLoudness, measured.TruePeak) : null;
        var rendered = await ProducedAudio.RenderAsync(input, chain, token);

        var hum = await ChangeAsync(input, rendered, Band(50), token);
        var rumble = await ChangeAsync(input, rendered, Band(30), token);
        var sibilants = await ChangeAsync(input, rendered, SibilantSpeech.SibilantBand, token);
        var voice = await ChangeAsync(input, rendered, SibilantSpeech.VoiceBand, token);

        output.WriteLine($"filtering {(filtering ? "on" : "off")}: 50 Hz hum {hum:+0.0;-0.0;0.0} dB, 30 Hz rumble {rumble:+0.0;-0.0;0.0} dB, " +
            $"5–10 kHz {sibilants:+0.00;-0.00;0.00} dB, 200 Hz–3.5 kHz {voice:+0.00;-0.00;0.00} dB");
        if (filtering)
        {
            Assert.True(hum <= -20, $"The hum changed by {hum} dB.");
            Assert.True(rumble <= -20, $"The rumble changed by {rumble} dB.");
            Assert.True(sibilants <= -DeEsserTests.MinSibilanceReduction, $"The sibilant band changed by {sibilants} dB.");
        }
        else
        {
            Assert.InRange(hum, -0.1, 0.1);
            Assert.InRange(sibilants, -0.1, 0.1);
        }

        Assert.InRange(voice, -DeEsserTests.VoiceTolerance, DeEsserTests.VoiceTolerance);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Chain_NoisySpeechDenoisedBeforeDeEssing_VoiceBandWithin1Db(bool denoiseFirst)
    {
        var token = FfmpegTools.Timeout();
        var measured = await ProducedAudio.LoudnessAsync(noisy.Noisy, token);
        var floor = await ProducedAudio.RmsLevelAsync(noisy.Noisy, noisy.PauseSpans, token);
        var denoiser = Denoiser.Chain(0, floor);

        // The other case de-esses first, to show why the denoiser goes inside the filtering.
        var chain = denoiseFirst
            ? SpeechFilter.Chain(measured.IntegratedLoudness, measured.TruePeak, denoiser)
            : SpeechFilter.Chain(measured.IntegratedLoudness, measured.TruePeak) + "," + denoiser;
        var rendered = await ProducedAudio.RenderAsync(noisy.Noisy, chain, token);

        var voice = await ProducedAudio.RmsLevelAsync(rendered, SibilantSpeech.VoiceBand, noisy.SpeechSpans, token)
            - await ProducedAudio.RmsLevelAsync(noisy.Noisy, SibilantSpeech.VoiceBand, noisy.SpeechSpans, token);
        var reduction = floor - await ProducedAudio.RmsLevelAsync(rendered, noisy.PauseSpans, token);

        output.WriteLine($"{(denoiseFirst ? "denoised, then de-essed" : "de-essed, then denoised")}: noise floor down {reduction:0.0} dB, " +
            $"speech's 200 Hz–3.5 kHz {voice:+0.00;-0.00;0.00} dB");
        Assert.True(reduction >= 10, $"The noise floor went down by {reduction} dB.");
        Assert.Equal(denoiseFirst, voice >= -DeEsserTests.VoiceTolerance);
    }

    private static async Task<double> ChangeAsync(string before, string after, string band, CancellationToken cancellationToken) =>
        await ProducedAudio.RmsLevelAsync(after, band, cancellationToken) - await ProducedAudio.RmsLevelAsync(before, band, cancellationToken);
}
