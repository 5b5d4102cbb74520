using System.Globalization;
using MediaFunctions.Core.Media.Production.Speech;
using MediaFunctions.Testing.Media;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Tests.Media.Production.Speech;

/// <summary>
/// Known texts spoken by espeak-ng, one sentence at a time, joined with known pauses into the 16 kHz mono 16-bit WAV the
/// analysis pass hands speech recognition, so each sentence's start is known; recognised once by pocketsphinx.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SpokenTopics : IAsyncLifetime, ICollectionFixture<SpokenTopics>
{
    /// <summary>The test classes that share this media (made and recognised once, their recognitions not run side by side).</summary>
    public const string Name = "Spoken topics";

    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(0.7);

    /// <summary>Three topics of three sentences: the climate, Australia's animals, baking bread.</summary>
    public static readonly string[] TopicSentences =
    [
        "Climate change is warming the oceans every year.",
        "The warm oceans melt the polar ice and the sea level rises.",
        "Scientists measure the ocean temperature and the ice every year.",
        "Australia has many unusual animals.",
        "Biologist teams study the animals of Australia, the kangaroo and the koala.",
        "The animals of Australia live in the dry forest.",
        "Bread needs flour, water, salt and yeast.",
        "Bake the bread in a hot oven for one hour.",
        "Fresh bread tastes best with butter.",
    ];

    /// <summary>Phrases with a hesitation between them; the odd entries are the fillers.</summary>
    public static readonly string[] HesitantPhrases =
    [
        "The weather was cold this morning.", "um", "We walked to the station together.", "uh", "The train arrived ten minutes late.",
    ];

    /// <summary>Coughs as lavfi sources: 0.3 s noise bursts (pink of four seeds, brown, white band-limited to 200–800 Hz), 5 ms attack, decaying over the rest.</summary>
    public static readonly string[] Coughs =
    [
        "anoisesrc=d=0.3:c=pink:a=0.5:seed=1,afade=t=in:d=0.005,afade=t=out:st=0.05:d=0.25",
        "anoisesrc=d=0.3:c=pink:a=0.5:seed=4,afade=t=in:d=0.005,afade=t=out:st=0.05:d=0.25",
        "anoisesrc=d=0.3:c=pink:a=0.5:seed=5,afade=t=in:d=0.005,afade=t=out:st=0.05:d=0.25",
        "anoisesrc=d=0.3:c=pink:a=0.5:seed=6,afade=t=in:d=0.005,afade=t=out:st=0.05:d=0.25",
        "anoisesrc=d=0.35:c=brown:a=0.7:seed=1,afade=t=in:d=0.005,afade=t=out:st=0.05:d=0.3",
        "anoisesrc=d=0.3:c=white:a=0.5:seed=1,bandpass=f=500:width_type=h:width=600,afade=t=in:d=0.01,afade=t=out:st=0.05:d=0.25",
    ];

    /// <summary>The fluent phrases with the coughs between and after them.</summary>
    public static readonly string[] CoughingParts =
        [HesitantPhrases[0], Coughs[0], Coughs[1], HesitantPhrases[2], Coughs[2], Coughs[3], HesitantPhrases[4], Coughs[4], Coughs[5]];

    /// <summary>"volcano" is in the dictionary but never said: spotting must not hear it.</summary>
    public static readonly string[] Keywords = ["climate change", "australia", "biologist", "volcano", "zyxquorplat"];

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mf-speech-" + Guid.NewGuid().ToString("N"));

    public PocketsphinxRecognizer Recognizer { get; } = new(Options.Create(new SpeechOptions()));

    public string Topics => Path.Combine(Folder, "topics.wav");

    public IReadOnlyList<TimeSpan> TopicStarts { get; private set; } = [];

    public Transcript TopicsTranscript { get; private set; } = null!;

    public TimeSpan TopicsDuration { get; private set; }

    public TimeSpan RecognitionTime { get; private set; }

    public string Hesitant => Path.Combine(Folder, "hesitant.wav");

    public IReadOnlyList<TimeSpan> HesitantStarts { get; private set; } = [];

    /// <summary>The hesitant phrases without their fillers, with the same pauses: the "no fillers" case.</summary>
    public string Fluent => Path.Combine(Folder, "fluent.wav");

    public string Coughing => Path.Combine(Folder, "coughing.wav");

    public IReadOnlyList<TimeSpan> CoughingStarts { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var token = FfmpegTools.Timeout(120);
        (TopicStarts, TopicsDuration) = await JoinAsync(Topics, TopicSentences, token);
        (HesitantStarts, _) = await JoinAsync(Hesitant, HesitantPhrases, token);
        await JoinAsync(Fluent, [.. HesitantPhrases.Where((_, i) => i % 2 == 0)], token);
        (CoughingStarts, _) = await JoinAsync(Coughing, CoughingParts, token);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        TopicsTranscript = await Recognizer.RecognizeAsync(Topics, new SpeechRequest("en", Keywords), token);
        RecognitionTime = clock.Elapsed;
    }

    /// <summary>Speaks each text (or renders it, when it is a lavfi source), joins them with <see cref="Pause"/> after each as 16 kHz mono s16 WAV; returns each text's start.</summary>
    public async Task<(IReadOnlyList<TimeSpan> Starts, TimeSpan Duration)> JoinAsync(string path, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var starts = new List<TimeSpan>();
        var inputs = new List<string>();
        var at = TimeSpan.Zero;
        for (var i = 0; i < texts.Count; i++)
        {
            var part = Path.Combine(Folder, $"{Path.GetFileNameWithoutExtension(path)}-{i}.wav");
            var duration = texts[i].StartsWith("anoisesrc", StringComparison.Ordinal)
                ? await WriteSoundAsync(part, texts[i], cancellationToken)
                : await SynthesizedSpeech.WriteAsync(part, texts[i], cancellationToken);
            starts.Add(at);
            at += duration + Pause;
            inputs.AddRange(["-i", part]);
        }

        var pads = string.Concat(texts.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"[{i}]apad=pad_dur={Pause.TotalSeconds}[p{i}];")));
        var filter = pads + string.Concat(texts.Select((_, i) => $"[p{i}]")) + $"concat=n={texts.Count}:v=0:a=1,aresample=16000";
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", .. inputs, "-filter_complex", filter, "-ac", "1", "-c:a", "pcm_s16le", path],
            cancellationToken: cancellationToken);
        return (starts, at);
    }

    private static async Task<TimeSpan> WriteSoundAsync(string path, string source, CancellationToken cancellationToken)
    {
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-f", "lavfi", "-i", source, "-ar", "48000", "-ac", "1", "-c:a", "pcm_f32le", path],
            cancellationToken: cancellationToken);
        var probe = await FfmpegTools.Prober().ProbeAsync(path, cancellationToken: cancellationToken);
        return probe.Duration ?? throw new InvalidOperationException($"ffprobe read no duration from {path}.");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
