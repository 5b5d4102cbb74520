using System.Collections.Concurrent;
using System.Globalization;
using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Media.Production.Analysis;

/// <summary>
/// Up to six espeak-ng sentences, trimmed to their speech, joined with known pauses: clean, where the
/// pauses are digital silence, or under pink noise at <see cref="SignalToNoise"/> dB below the speech's RMS level.
/// </summary>
public sealed class SpokenPauses : IAsyncLifetime
{
    public const int SampleRate = SpeechLikeAudio.SampleRate;

    /// <summary>The noisy recordings' signal-to-noise ratio: the speech's RMS level over the noise's, in dB.</summary>
    public const double SignalToNoise = 15;

    /// <summary>Six sentences with pauses from a short breath to dead air, after a 1 s lead-in and before a 1 s tail (seconds).</summary>
    public static readonly double[] VariedPauses = [1, 0.6, 1.2, 3.0, 2.0, 0.8, 1];

    /// <summary>The silence cutter's figure: six sentences with five 3 s pauses between them.</summary>
    public static readonly double[] LongPauses = [1, 3, 3, 3, 3, 3, 1];

    /// <summary>One sentence in a minute of silence: speech in a twentieth of the frames.</summary>
    public static readonly double[] SparseSpeech = [30, 30];

    private static readonly string[] Sentences =
    [
        "The quick brown fox jumps over the lazy dog",
        "Podcasts sound better when the long pauses are gone",
        "Every recording has a little noise in the background",
        "We measure the level of each frame to find the speech",
        "A short pause between sentences is kept as it is",
        "Thank you for listening to this test",
    ];

    private readonly ConcurrentDictionary<string, Lazy<Task<Recording>>> recordings = new();
    private TimeSpan[] sentenceDurations = [];
    private double speechLevel;
    private double noiseLevel;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mf-pauses-" + Guid.NewGuid().ToString("N"));

    private string NoisePath => Path.Combine(Folder, "noise.wav");

    private string SentencePath(int index) => Path.Combine(Folder, $"sentence{index}.wav");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var token = FfmpegTools.Timeout(120);
        sentenceDurations = await Task.WhenAll(Sentences.Select((text, index) => WriteSentenceAsync(index, text, token)));
        var speechOnly = Path.Combine(Folder, "speech-only.wav");
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", .. Sentences.SelectMany((_, index) => new[] { "-i", SentencePath(index) }),
                "-filter_complex", string.Concat(Sentences.Select((_, index) => $"[{index}:a]")) + $"concat=n={Sentences.Length}:v=0:a=1",
                "-c:a", "pcm_f32le", speechOnly],
            cancellationToken: token);
        speechLevel = await SpeechLikeAudio.RmsLevelAsync(speechOnly, "anull", token);
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-f", "lavfi", "-i", Noise(60), "-c:a", "pcm_f32le", NoisePath],
            cancellationToken: token);
        noiseLevel = await SpeechLikeAudio.RmsLevelAsync(NoisePath, "anull", token);
    }

    /// <summary>
    /// The first sentences, one fewer than <paramref name="pauses"/> (seconds: the lead-in, the pauses between them, the tail),
    /// <paramref name="gainDecibels"/> from espeak-ng's level, noisy or clean.
    /// </summary>
    public Task<Recording> RecordingAsync(double[] pauses, double gainDecibels, bool noisy, CancellationToken cancellationToken) =>
        recordings.GetOrAdd(
            string.Create(CultureInfo.InvariantCulture, $"{string.Join('_', pauses)}-{gainDecibels}-{noisy}"),
            key => new Lazy<Task<Recording>>(() => WriteRecordingAsync(key, pauses, gainDecibels, noisy, cancellationToken))).Value;

    public string NewPath(string name) => Path.Combine(Folder, Guid.NewGuid().ToString("N") + "-" + name);

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<TimeSpan> WriteSentenceAsync(int index, string text, CancellationToken cancellationToken)
    {
        var spoken = SentencePath(index) + ".spoken.wav";
        await SynthesizedSpeech.WriteAsync(spoken, text, cancellationToken);
        // espeak-ng's own silence before and after would blur the known pauses' edges.
        const string Trim = "silenceremove=start_periods=1:start_threshold=-60dB";
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-i", spoken, "-af", $"{Trim},areverse,{Trim},areverse", "-c:a", "pcm_f32le", SentencePath(index)],
            cancellationToken: cancellationToken);
        var probe = await FfmpegTools.Prober().ProbeAsync(SentencePath(index), cancellationToken: cancellationToken);
        return probe.Duration!.Value;
    }

    private async Task<Recording> WriteRecordingAsync(string key, double[] pauses, double gainDecibels, bool noisy, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Folder, key + ".wav");
        var sentences = pauses.Length - 1;
        var at = TimeSpan.FromSeconds(pauses[0]);
        var known = new List<TimeRange> { new(TimeSpan.Zero, at) };
        var graph = new List<string>();
        for (var index = 0; index < sentences; index++)
        {
            var pause = TimeSpan.FromSeconds(pauses[index + 1]);
            at += sentenceDurations[index];
            known.Add(new TimeRange(at, at + pause));
            at += pause;
            var delay = index == 0 ? string.Create(CultureInfo.InvariantCulture, $"adelay=delays={pauses[0] * 1000},") : "";
            graph.Add(string.Create(CultureInfo.InvariantCulture, $"[{index}:a]{delay}apad=pad_dur={pause.TotalSeconds}[s{index}]"));
        }

        var joined = string.Concat(Enumerable.Range(0, sentences).Select(index => $"[s{index}]")) +
            string.Create(CultureInfo.InvariantCulture, $"concat=n={sentences}:v=0:a=1,volume={gainDecibels}dB");
        List<string> inputs = [.. Enumerable.Range(0, sentences).SelectMany(index => new[] { "-i", SentencePath(index) })];
        if (noisy)
        {
            var noiseGain = speechLevel + gainDecibels - SignalToNoise - noiseLevel;
            inputs.AddRange(["-f", "lavfi", "-i", Noise(at.TotalSeconds)]);
            const string Mono = "aformat=sample_fmts=flt:sample_rates=48000:channel_layouts=mono";
            graph.Add($"{joined},{Mono}[speech]");
            graph.Add(string.Create(CultureInfo.InvariantCulture,
                $"[{sentences}:a]volume={noiseGain}dB,{Mono}[noise];[speech][noise]amerge=inputs=2,pan=mono|c0=c0+c1"));
        }
        else
        {
            graph.Add(joined);
        }

        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", .. inputs, "-filter_complex", string.Join(';', graph), "-c:a", "pcm_f32le", path],
            cancellationToken: cancellationToken);
        return new Recording(path, known, at);
    }

    private static string Noise(double seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"anoisesrc=color=pink:r={SampleRate}:a=0.1:seed=7:d={seconds}");
}
