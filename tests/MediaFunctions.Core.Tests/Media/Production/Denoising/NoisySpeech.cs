using System.Globalization;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Media.Production.Denoising;

/// <summary>
/// Three spoken sentences, each followed by a 2 s pause, under white noise 15 dB below the speech (RMS over the
/// sentences against RMS of the noise): hiss the denoiser must lower in the pauses without touching the words.
/// </summary>
public sealed class NoisySpeech : IAsyncLifetime
{
    public static readonly string[] Sentences =
    [
        "The quick brown fox jumps over the lazy dog.",
        "Every morning the baker opens his shop at six.",
        "Rain is expected over the hills by late afternoon.",
    ];

    public const double SignalToNoiseDecibels = 15;

    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    /// <summary>Kept off each end of a span, for the filters' delays and the noise tracking's settling.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(300);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mf-noisy-" + Guid.NewGuid().ToString("N"));

    public string Clean => Path.Combine(Folder, "clean.wav");

    public string Noisy => Path.Combine(Folder, "noisy.wav");

    /// <summary>The sentences' spans, a margin inside the words.</summary>
    public List<(TimeSpan Start, TimeSpan End)> SpeechSpans { get; } = [];

    /// <summary>The pauses' spans, a margin away from the words.</summary>
    public List<(TimeSpan Start, TimeSpan End)> PauseSpans { get; } = [];

    /// <summary>The RMS level (dBFS) of the sentences without noise.</summary>
    public double SpeechLevel { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var token = FfmpegTools.Timeout(60);
        var parts = Sentences.Select((_, index) => Path.Combine(Folder, $"sentence{index}.wav")).ToArray();
        var durations = await Task.WhenAll(Sentences.Select((text, index) => SynthesizedSpeech.WriteAsync(parts[index], text, token)));

        var start = TimeSpan.Zero;
        foreach (var duration in durations)
        {
            SpeechSpans.Add(ProducedAudio.Inside(start, start + duration, Margin / 3));
            PauseSpans.Add(ProducedAudio.Inside(start + duration, start + duration + Pause, Margin));
            start += duration + Pause;
        }

        var padded = string.Concat(parts.Select((_, index) => string.Create(CultureInfo.InvariantCulture, $"[{index}]apad=pad_dur={Pause.TotalSeconds}[p{index}];")));
        var labels = string.Concat(parts.Select((_, index) => $"[p{index}]"));
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", .. parts.SelectMany(part => new[] { "-i", part }),
                "-filter_complex", $"{padded}{labels}concat=n={parts.Length}:v=0:a=1", "-c:a", "pcm_f32le", Clean],
            cancellationToken: token);
        SpeechLevel = await ProducedAudio.RmsLevelAsync(Clean, SpeechSpans, token);

        // anoisesrc's white noise is uniform in ±amplitude: its RMS is the amplitude over √3.
        var amplitude = Math.Pow(10, (SpeechLevel - SignalToNoiseDecibels) / 20) * Math.Sqrt(3);
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-i", Clean,
                "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"anoisesrc=c=white:a={amplitude:0.######}:r={SpeechLikeAudio.SampleRate}:seed=7"),
                "-filter_complex", "[0][1]amix=normalize=0:duration=first", "-c:a", "pcm_f32le", Noisy],
            cancellationToken: token);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
