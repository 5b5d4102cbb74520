using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Media.Production.Loudness;

/// <summary>
/// 12 s stand-ins for recorded speech, made once with lavfi: six tones from 250 Hz to 3.3 kHz swelling at a
/// syllable rate of 3 Hz, with mains hum and 30 Hz rumble each 20 dB under the voice.
/// </summary>
public sealed class SpokenMedia : IAsyncLifetime
{
    public const int SampleRate = SpeechLikeAudio.SampleRate;

    /// <summary>The voice's tones: all inside the 200 Hz–4 kHz band the filtering must leave alone.</summary>
    public static readonly double[] VoiceHz = SpeechLikeAudio.VoiceHz;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mf-spoken-" + Guid.NewGuid().ToString("N"));

    /// <summary>A voice at about −43 LUFS (a distant microphone) with 50 Hz hum.</summary>
    public string Quiet => Path.Combine(Folder, "quiet.wav");

    /// <summary>A voice at about −13 LUFS, peaking near −1 dBTP, with 50 Hz hum.</summary>
    public string Loud => Path.Combine(Folder, "loud.wav");

    /// <summary>A voice at about −23 LUFS with 60 Hz hum.</summary>
    public string Hum60 => Path.Combine(Folder, "hum60.wav");

    /// <summary>
    /// A voice at about −29 LUFS with a 3 ms plosive-like burst every 0.9 s, 21 dB over the loudness: a
    /// −16 LUFS target puts those peaks over −1 dBTP, so the gain alone cannot respect the ceiling.
    /// </summary>
    public string Peaky => Path.Combine(Folder, "peaky.wav");

    public static IReadOnlyDictionary<string, Func<SpokenMedia, string>> Inputs { get; } = new Dictionary<string, Func<SpokenMedia, string>>
    {
        ["quiet"] = media => media.Quiet,
        ["loud"] = media => media.Loud,
        ["peaky"] = media => media.Peaky,
        ["hum60"] = media => media.Hum60,
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var token = FfmpegTools.Timeout(60);
        await Task.WhenAll(
            WriteAsync(Quiet, Speech(0.03, humHz: 50), token),
            WriteAsync(Loud, Speech(0.9, humHz: 50), token),
            WriteAsync(Hum60, Speech(0.3, humHz: 60), token),
            WriteAsync(Peaky, Speech(0.1, humHz: 50) + "+if(lt(mod(t,0.9),0.003),0.6*sin(2*PI*1000*t),0)", token));
    }

    /// <summary>Writes <paramref name="expression"/> (of t, in full scale) as 12 s of 48 kHz mono 32-bit float WAV.</summary>
    public static Task WriteAsync(string path, string expression, CancellationToken cancellationToken) =>
        SpeechLikeAudio.WriteAsync(path, expression, 12, cancellationToken);

    /// <summary>The voice at <paramref name="amplitude"/> (its peak), hum and rumble at a tenth of it.</summary>
    public static string Speech(double amplitude, double humHz) => SpeechLikeAudio.Expression(amplitude, humHz);

    public string NewPath(string name) => Path.Combine(Folder, Guid.NewGuid().ToString("N") + "-" + name);

    /// <summary>Renders <paramref name="input"/> through <paramref name="audioFilter"/> with the service's ffmpeg, as 32-bit float WAV.</summary>
    public static Task<string> RenderAsync(string input, string? audioFilter, CancellationToken cancellationToken) =>
        ProducedAudio.RenderAsync(input, audioFilter, cancellationToken);

    /// <inheritdoc cref="SpeechLikeAudio.RmsLevelAsync"/>
    public static Task<double> RmsLevelAsync(string path, string filter, CancellationToken cancellationToken) =>
        SpeechLikeAudio.RmsLevelAsync(path, filter, cancellationToken);

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
