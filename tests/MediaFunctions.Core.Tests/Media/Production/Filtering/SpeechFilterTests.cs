using MediaFunctions.Core.Media.Production.Filtering;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Filtering;

/// <summary>Auphonic's <c>filtering</c> on a sibilant voice over hum and rumble: all three down, the voice kept.</summary>
public class SpeechFilterTests(SibilantSpeech media, ITestOutputHelper output) : IClassFixture<SibilantSpeech>
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

    private static async Task<double> ChangeAsync(string before, string after, string band, CancellationToken cancellationToken) =>
        await ProducedAudio.RmsLevelAsync(after, band, cancellationToken) - await ProducedAudio.RmsLevelAsync(before, band, cancellationToken);
}
