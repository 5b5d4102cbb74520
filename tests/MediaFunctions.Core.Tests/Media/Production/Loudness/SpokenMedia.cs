using System.Globalization;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Media.Production.Loudness;

/// <summary>
/// 12 s stand-ins for recorded speech, made once with lavfi: six tones from 250 Hz to 3.3 kHz swelling at a
/// syllable rate of 3 Hz, with mains hum and 30 Hz rumble each 20 dB under the voice.
/// </summary>
public sealed class SpokenMedia : IAsyncLifetime
{
    public const int SampleRate = 48_000;

    /// <summary>The voice's tones: all inside the 200 Hz–4 kHz band the filtering must leave alone.</summary>
    public static readonly double[] VoiceHz = [250, 430, 770, 1230, 2110, 3300];

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

    /// <summary>Writes <paramref name="expression"/> (of t, in full scale) as 48 kHz mono 32-bit float WAV.</summary>
    public static Task WriteAsync(string path, string expression, CancellationToken cancellationToken) =>
        FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-f", "lavfi", "-i", $"aevalsrc=exprs='{expression}':s={SampleRate}:d=12",
                "-c:a", "pcm_f32le", path],
            cancellationToken: cancellationToken);

    /// <summary>The voice at <paramref name="amplitude"/> (its peak), hum and rumble at a tenth of it.</summary>
    public static string Speech(double amplitude, double humHz)
    {
        var tones = string.Join('+', VoiceHz.Select(hz => $"sin(2*PI*{hz}*t)"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{amplitude}*(({tones})/{VoiceHz.Length}*(0.6+0.4*sin(2*PI*3*t))+0.1*sin(2*PI*{humHz}*t)+0.1*sin(2*PI*30*t))");
    }

    public string NewPath(string name) => Path.Combine(Folder, Guid.NewGuid().ToString("N") + "-" + name);

    /// <summary>Renders <paramref name="input"/> through <paramref name="audioFilter"/> with the service's ffmpeg, as 32-bit float WAV.</summary>
    public async Task<string> RenderAsync(string input, string? audioFilter, CancellationToken cancellationToken)
    {
        var output = NewPath("rendered.wav");
        string[] filter = audioFilter is null ? [] : ["-af", audioFilter];
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-i", input, .. filter, "-c:a", "pcm_f32le", output],
            cancellationToken: cancellationToken);
        return output;
    }

    /// <summary>
    /// The RMS level (dBFS) of <paramref name="path"/> after <paramref name="filter"/>, read by <c>astats</c>.
    /// Debian's ffmpeg measures, for its <c>bandpass</c> (the service's build has none).
    /// </summary>
    public static async Task<double> RmsLevelAsync(string path, string filter, CancellationToken cancellationToken)
    {
        double? level = null;
        await FfmpegTools.SystemRunner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "info", "-i", path, "-af", $"{filter},astats=measure_perchannel=none:measure_overall=RMS_level",
                "-f", "null", "-"],
            new FfmpegRunOptions
            {
                StandardError = line =>
                {
                    var at = line.IndexOf("RMS level dB:", StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        level = double.Parse(line[(at + "RMS level dB:".Length)..].Trim(), CultureInfo.InvariantCulture);
                    }
                },
            },
            cancellationToken);
        return level ?? throw new InvalidOperationException($"astats printed no RMS level for {path}.");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
