using System.Globalization;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Media.Production.Leveling;

/// <summary>
/// A conversation of four turns of about 4 s, every other one recorded 12 dB quieter (a second speaker far from the
/// microphone), and a 25 s music bed: a chord with a plucked note on every half second, swelling ±0.9 dB over 10 s.
/// </summary>
public sealed class Dialogue : IAsyncLifetime
{
    public static readonly string[] Turns =
    [
        "The committee will meet on Tuesday to discuss the budget for next year.",
        "I think we should start with the library, because the roof is leaking again.",
        "That is a fair point, and the repairs cannot wait until the spring.",
        "Then let us agree on a number today and write to the council tomorrow.",
    ];

    public const double QuietSpeakerDecibels = -12;

    public static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(500);

    /// <summary>Kept off each end of a turn: the leveler's gain is smoothed over about a second each side.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(200);

    private const string Bed =
        "0.08*(1+0.1*sin(2*PI*0.1*t))*(sin(2*PI*220*t)+sin(2*PI*261.63*t)+sin(2*PI*329.63*t)+0.5*sin(2*PI*440*t)*exp(-6*mod(t,0.5)))";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mf-dialogue-" + Guid.NewGuid().ToString("N"));

    public string Conversation => Path.Combine(Folder, "conversation.wav");

    public string MusicBed => Path.Combine(Folder, "bed.wav");

    /// <summary>Each turn's span, a margin inside its words; even turns are the loud speaker's.</summary>
    public List<(TimeSpan Start, TimeSpan End)> TurnSpans { get; } = [];

    public static bool IsQuiet(int turn) => turn % 2 == 1;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var token = FfmpegTools.Timeout(60);
        var parts = Turns.Select((_, index) => Path.Combine(Folder, $"turn{index}.wav")).ToArray();
        var durations = await Task.WhenAll(Turns.Select((text, index) =>
            SynthesizedSpeech.WriteAsync(parts[index], text, token, gainDecibels: IsQuiet(index) ? QuietSpeakerDecibels : 0)));

        var start = TimeSpan.Zero;
        foreach (var duration in durations)
        {
            TurnSpans.Add(ProducedAudio.Inside(start, start + duration, Margin));
            start += duration + Gap;
        }

        var padded = string.Concat(parts.Select((_, index) => string.Create(CultureInfo.InvariantCulture, $"[{index}]apad=pad_dur={Gap.TotalSeconds}[p{index}];")));
        var labels = string.Concat(parts.Select((_, index) => $"[p{index}]"));
        await Task.WhenAll(
            FfmpegTools.Runner().RunAsync(
                ["-hide_banner", "-nostats", "-loglevel", "error", "-y", .. parts.SelectMany(part => new[] { "-i", part }),
                    "-filter_complex", $"{padded}{labels}concat=n={parts.Length}:v=0:a=1", "-c:a", "pcm_f32le", Conversation],
                cancellationToken: token),
            SpeechLikeAudio.WriteAsync(MusicBed, Bed, 25, token));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
