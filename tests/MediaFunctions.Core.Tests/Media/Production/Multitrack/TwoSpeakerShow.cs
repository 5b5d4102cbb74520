using System.Globalization;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Media.Production.Multitrack;

/// <summary>
/// A two-speaker show, made once: A and B (two espeak-ng voices) take turns A, B, a <see cref="Gap"/> of silence, A, B; each
/// has a microphone track that also picks up the other's speech (bleed) <see cref="DryBleed"/> dB under in a dry room and
/// <see cref="LiveBleed"/> dB under in a live one, over noise at −70 dBFS; and a steady music bed under it all.
/// </summary>
public sealed class TwoSpeakerShow : IAsyncLifetime
{
    public const int SampleRate = SpeechLikeAudio.SampleRate;

    public const double DryBleed = -18;

    public const double LiveBleed = -6;

    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(0.6);

    public static readonly TimeSpan Gap = TimeSpan.FromSeconds(4);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mf-multitrack-" + Guid.NewGuid().ToString("N"));

    public string MicA(double bleed) => Path.Combine(Folder, Name("mic-a", bleed));

    public string MicB(double bleed) => Path.Combine(Folder, Name("mic-b", bleed));

    public string Music => Path.Combine(Folder, "music.wav");

    /// <summary>A spoken intro (A's first turn on its own), for the mixdown to start with.</summary>
    public string Intro => Path.Combine(Folder, "a1.wav");

    /// <summary>A's turns, as (start, end) in seconds.</summary>
    public List<(double Start, double End)> TurnsA { get; } = [];

    /// <summary>B's turns.</summary>
    public List<(double Start, double End)> TurnsB { get; } = [];

    /// <summary>The gap with no speech: from the end of B's first turn to the start of A's second.</summary>
    public (double Start, double End) Silence => (TurnsB[0].End, TurnsA[1].Start);

    public double Length { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var token = FfmpegTools.Timeout(120);
        string[] clips = ["a1.wav", "b1.wav", "a2.wav", "b2.wav"];
        string[] texts =
        [
            "Welcome back to the show. Today we talk about bicycles and the people who repair them.",
            "Thank you for having me. I have fixed bicycles for twenty years in a small shop.",
            "What is the hardest repair you have ever done on a bicycle?",
            "A wheel that was bent in three places after a storm, it took a whole afternoon.",
        ];
        var durations = await Task.WhenAll(clips.Select((clip, i) =>
            SynthesizedSpeech.WriteAsync(Path.Combine(Folder, clip), texts[i], token, i % 2 == 0 ? "en-us+klatt" : "en-us+klatt4", gainDecibels: -3)));
        var at = 0.5;
        for (var i = 0; i < clips.Length; i++)
        {
            (i % 2 == 0 ? TurnsA : TurnsB).Add((at, at + durations[i].TotalSeconds));
            at += durations[i].TotalSeconds + (i == 1 ? Gap : Pause).TotalSeconds;
        }

        Length = at + 0.5;
        var writes = new List<Task>
        {
            SpeechLikeAudio.WriteAsync(Music, "0.05*(sin(2*PI*220*t)+sin(2*PI*277*t)+sin(2*PI*330*t))*(0.9+0.1*sin(2*PI*0.5*t))", Length, token),
        };
        foreach (var bleed in new[] { DryBleed, LiveBleed })
        {
            writes.Add(MixAsync(MicA(bleed), clips, own: 0, bleed, token));
            writes.Add(MixAsync(MicB(bleed), clips, own: 1, bleed, token));
        }

        await Task.WhenAll(writes);
    }

    /// <summary>The RMS level (dBFS) of <paramref name="path"/> over the given spans (after <paramref name="filter"/>), each read by astats and summed as power.</summary>
    public static async Task<double> RmsLevelAsync(
        string path, IEnumerable<(double Start, double End)> spans, CancellationToken cancellationToken, string filter = "anull")
    {
        double energy = 0, seconds = 0;
        foreach (var (start, end) in spans)
        {
            var level = await SpanLevelAsync(path, start, end, filter, cancellationToken);
            energy += Math.Pow(10, level / 10) * (end - start);
            seconds += end - start;
        }

        return 10 * Math.Log10(energy / seconds);
    }

    /// <summary>The RMS level (dBFS) of one span, −∞ for digital silence.</summary>
    private static Task<double> SpanLevelAsync(string path, double start, double end, string filter, CancellationToken cancellationToken) =>
        SpeechLikeAudio.RmsLevelAsync(path, Invariant($"{filter},atrim={start}:{end}"), cancellationToken);

    /// <summary>A speaker's microphone: their clips (every other one from <paramref name="own"/>) at full level, the other's at <paramref name="bleed"/> dB, noise at −70 dBFS.</summary>
    private Task MixAsync(string path, string[] clips, int own, double bleed, CancellationToken cancellationToken)
    {
        var turns = TurnsA.Concat(TurnsB).OrderBy(turn => turn.Start).ToList();
        List<string> arguments = ["-hide_banner", "-nostats", "-loglevel", "error", "-y"];
        var graph = new List<string>();
        for (var i = 0; i < clips.Length; i++)
        {
            arguments.AddRange(["-i", Path.Combine(Folder, clips[i])]);
            var gain = i % 2 == own ? 0 : bleed;
            graph.Add(Invariant($"[{i}:a]volume={gain}dB,adelay=delays={(int)Math.Round(turns[i].Start * 1000)}:all=1[c{i}]"));
        }

        graph.Add(Invariant($"anoisesrc=c=pink:a=0.0005:r={SampleRate}:d={Length}[noise]"));
        graph.Add(Invariant($"{string.Concat(Enumerable.Range(0, clips.Length).Select(i => $"[c{i}]"))}[noise]amix=inputs={clips.Length + 1}:duration=longest:normalize=0,atrim=end={Length}"));
        arguments.AddRange(["-filter_complex", string.Join(';', graph), "-ac", "1", "-c:a", "pcm_f32le", path]);
        return FfmpegTools.Runner().RunAsync(arguments, cancellationToken: cancellationToken);
    }

    private static string Name(string stem, double bleed) => Invariant($"{stem}{bleed}.wav");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
