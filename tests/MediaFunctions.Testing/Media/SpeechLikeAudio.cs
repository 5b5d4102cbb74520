using System.Globalization;

namespace MediaFunctions.Testing.Media;

/// <summary>
/// Stand-ins for recorded speech, made with lavfi: six tones from 250 Hz to 3.3 kHz swelling at a syllable rate of 3 Hz,
/// with mains hum and 30 Hz rumble each 20 dB under the voice.
/// </summary>
public static class SpeechLikeAudio
{
    public const int SampleRate = 48_000;

    /// <summary>The voice's tones.</summary>
    public static readonly double[] VoiceHz = [250, 430, 770, 1230, 2110, 3300];

    /// <summary>The voice at <paramref name="amplitude"/> (its peak), hum and rumble at a tenth of it, as an <c>aevalsrc</c> expression of t.</summary>
    public static string Expression(double amplitude, double humHz)
    {
        var tones = string.Join('+', VoiceHz.Select(hz => $"sin(2*PI*{hz}*t)"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{amplitude}*(({tones})/{VoiceHz.Length}*(0.6+0.4*sin(2*PI*3*t))+0.1*sin(2*PI*{humHz}*t)+0.1*sin(2*PI*30*t))");
    }

    /// <summary>Writes <paramref name="expression"/> (of t, in full scale) for <paramref name="seconds"/> as 48 kHz mono 32-bit float WAV.</summary>
    public static Task WriteAsync(string path, string expression, double seconds, CancellationToken cancellationToken) =>
        FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-f", "lavfi",
                "-i", string.Create(CultureInfo.InvariantCulture, $"aevalsrc=exprs='{expression}':s={SampleRate}:d={seconds}"), "-c:a", "pcm_f32le", path],
            cancellationToken: cancellationToken);

    /// <summary>
    /// The RMS level (dBFS) of <paramref name="path"/> after <paramref name="filter"/> (a band filter, say), read by <c>astats</c>.
    /// </summary>
    public static Task<double> RmsLevelAsync(string path, string filter, CancellationToken cancellationToken) =>
        Astats.OverallAsync(path, filter, "RMS_level", "RMS level dB", cancellationToken);
}
