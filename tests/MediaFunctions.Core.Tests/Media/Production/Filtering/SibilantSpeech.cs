using System.Globalization;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Media.Production.Filtering;

/// <summary>
/// A sibilant-heavy sentence spoken by espeak-ng at three levels, and once over mains hum and rumble: its 5–10 kHz
/// band is almost all "s" and "sh", so that band's RMS is the sibilance a listener hears.
/// </summary>
public sealed class SibilantSpeech : IAsyncLifetime
{
    public const string Text = "Sally sells seashells by the seashore. Sixty-six sizzling sausages sizzle in the sun. She says so, sister.";

    /// <summary>The levels the sentence is written at, in dB from espeak-ng's (about −23 LUFS).</summary>
    public static readonly double[] GainsDecibels = [-15, 0, 6];

    /// <summary>Where the sibilants are: 5–10 kHz, two 2-pole filters at each edge.</summary>
    public const string SibilantBand = "highpass=f=5000,highpass=f=5000,lowpass=f=10000,lowpass=f=10000";

    /// <summary>The body of the voice, 200 Hz–3.5 kHz, with 50 Hz hum 48 dB down.</summary>
    public const string VoiceBand = "highpass=f=200,highpass=f=200,lowpass=f=3500,lowpass=f=3500";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mf-sibilant-" + Guid.NewGuid().ToString("N"));

    /// <summary>The sentence at espeak-ng's level with 50 Hz hum and 30 Hz rumble, each sine at 0.01 (−43 dBFS RMS), 20 dB under the voice.</summary>
    public string Hummed => Path.Combine(Folder, "hummed.wav");

    /// <summary>
    /// The sentence 20 dB quieter with a 1 ms click of 0.9 at 1 s: a peak far over its loudness, which a de-esser
    /// levelled by loudness alone would push over full scale.
    /// </summary>
    public string Peaky => Path.Combine(Folder, "peaky.wav");

    public string At(double gainDecibels) => Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"sibilant{gainDecibels}.wav"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var token = FfmpegTools.Timeout(60);
        await Task.WhenAll(GainsDecibels.Select(gain => SynthesizedSpeech.WriteAsync(At(gain), Text, token, gainDecibels: gain)));
        await Task.WhenAll(
            RewriteAsync(At(0), "val(0)+0.01*sin(2*PI*50*t)+0.01*sin(2*PI*30*t)", Hummed, token),
            RewriteAsync(At(-15), "0.56*val(0)+if(between(t,1,1.001),0.9,0)", Peaky, token));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Writes <paramref name="input"/> through <paramref name="expression"/> of its samples, <c>val(0)</c>, and t.</summary>
    private static Task RewriteAsync(string input, string expression, string output, CancellationToken cancellationToken) =>
        FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-i", input, "-af", $"aeval='{expression}'", "-c:a", "pcm_f32le", output],
            cancellationToken: cancellationToken);
}
