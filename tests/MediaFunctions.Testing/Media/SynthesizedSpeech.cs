using System.Globalization;
using CliWrap;

namespace MediaFunctions.Testing.Media;

/// <summary>
/// Real words from a known text, spoken by espeak-ng (installed by scripts/setup.sh): what the speech algorithms are
/// measured on. Its Klatt voice at 160 words a minute is the one pocketsphinx's US English model recognises best.
/// </summary>
public static class SynthesizedSpeech
{
    public const string DefaultVoice = "en-us+klatt";

    public const int DefaultWordsPerMinute = 160;

    /// <summary>
    /// Speaks <paramref name="text"/> into <paramref name="path"/> as 48 kHz mono 32-bit float WAV, <paramref name="gainDecibels"/>
    /// from espeak-ng's level, and returns its duration.
    /// </summary>
    public static async Task<TimeSpan> WriteAsync(
        string path, string text, CancellationToken cancellationToken, string voice = DefaultVoice, int wordsPerMinute = DefaultWordsPerMinute,
        double gainDecibels = 0)
    {
        var spoken = path + ".espeak.wav";
        try
        {
            await Cli.Wrap("espeak-ng")
                .WithArguments(["-v", voice, "-s", wordsPerMinute.ToString(CultureInfo.InvariantCulture), "-w", spoken, text])
                .ExecuteAsync(cancellationToken);
            await FfmpegTools.Runner().RunAsync(
                ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-i", spoken,
                    "-af", string.Create(CultureInfo.InvariantCulture, $"aresample={SpeechLikeAudio.SampleRate},volume={gainDecibels}dB"),
                    "-ac", "1", "-c:a", "pcm_f32le", path],
                cancellationToken: cancellationToken);
        }
        finally
        {
            File.Delete(spoken);
        }

        var probe = await FfmpegTools.Prober().ProbeAsync(path, cancellationToken: cancellationToken);
        return probe.Duration ?? throw new InvalidOperationException($"ffprobe read no duration from {path}.");
    }
}
