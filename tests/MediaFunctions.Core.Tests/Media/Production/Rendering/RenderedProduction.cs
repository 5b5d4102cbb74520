using System.Globalization;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media.Production.Chapters;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Rendering;
using MediaFunctions.Core.Media.Production.Tagging;
using MediaFunctions.Core.Tests.Media.Production.Loudness;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Media.Production.Rendering;

/// <summary>
/// Two productions rendered once with the service's ffmpeg, for the tests to read back. The audio one: a loud
/// 2 s mono 48 kHz intro, a quiet 5 s stereo 44.1 kHz main and a quieter 2 s outro, each measured and planned
/// to <see cref="Target"/>, with cover art, three chapters and every audio format and the audiogram. The video
/// one: a 4 s H.264 + AAC main after the same intro, as an MP4 and a Matroska video and a coverless audiogram.
/// </summary>
public sealed class RenderedProduction : IAsyncLifetime
{
    public const double Target = -16;
    public static readonly TimeSpan IntroLength = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MainLength = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan OutroLength = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan VideoLength = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan Total = IntroLength + MainLength + OutroLength;

    public static readonly ProductionMetadata Metadata = new()
    {
        Title = "Episode 8",
        Artist = "The Artist",
        Album = "Our Album",
        Track = 8,
        Genre = "Podcast",
        Year = 2026,
        Summary = "What we talked about.",
    };

    public static readonly IReadOnlyList<ProductionChapter> Chapters =
    [
        new(TimeSpan.Zero, "Welcome", new Uri("https://example.com/welcome")),
        new(TimeSpan.FromSeconds(2), "Café ☕ talk", new Uri("https://example.com/talk?a=1&b=2")),
        new(TimeSpan.FromSeconds(6.5), "Goodbye", null),
    ];

    public static readonly IReadOnlyList<ProductionOutputFile> AudioOutputs =
    [
        new("mp3", null, "episode.mp3", false, false),
        new("mp3", 64, "episode-64k-mono.mp3", true, false),
        new("mp3-vbr", null, "episode-vbr.mp3", false, false),
        new("vorbis", null, "episode.ogg", false, false),
        new("opus", null, "episode.opus", false, false),
        new("aac", 80, "episode.m4a", false, false),
        new("flac", null, "episode.flac", false, false),
        new("alac", null, "episode-alac.m4a", false, false),
        new("wav", null, "episode.wav", false, false),
        new("wav-24bit", null, "episode-24bit.wav", false, false),
        new("wav", null, "episode-mono.wav", true, false),
        new("audiogram", null, "episode-audiogram.mp4", false, false),
        new("mp3", null, "part.mp3", false, true),
        new("flac", null, "part.flac", false, true),
    ];

    public static readonly IReadOnlyList<ProductionOutputFile> VideoOutputs =
    [
        new("video", null, "video.mp4", false, false),
        new("video", 96, "video.mkv", false, false),
        new("audiogram", null, "waves.mp4", true, false),
    ];

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mf-render-" + Guid.NewGuid().ToString("N"));

    public string Intro => Path.Combine(Folder, "intro.wav");

    public string Main => Path.Combine(Folder, "main.wav");

    public string Outro => Path.Combine(Folder, "outro.wav");

    public string Video => Path.Combine(Folder, "main.mp4");

    public string Cover => Path.Combine(Folder, "cover.png");

    public IReadOnlyList<string?> ChapterImages => [Path.Combine(Folder, "chapter1.jpg"), Path.Combine(Folder, "chapter2.png"), null];

    public ProductionRenderSpec AudioSpec { get; private set; } = null!;

    public ProductionRenderSpec VideoSpec { get; private set; } = null!;

    public IReadOnlyList<RenderedProductionFile> AudioFiles { get; private set; } = [];

    public IReadOnlyList<RenderedProductionFile> VideoFiles { get; private set; } = [];

    public IReadOnlyList<FfmpegProgress> AudioProgress { get; private set; } = [];

    public static ProductionRenderer Renderer() =>
        new(FfmpegTools.Runner(), FfmpegTools.Prober(), new EncoderLoudnessCalibrator(FfmpegTools.Runner(), new LoudnessAnalyser(FfmpegTools.Runner())));

    public string PathOf(string fileName) => Path.Combine(Folder, "out", fileName);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var token = FfmpegTools.Timeout(240);
        var runner = FfmpegTools.Runner();
        string[] quiet = ["-hide_banner", "-nostats", "-loglevel", "error", "-y"];
        var music = "0.5*(sin(2*PI*220*t)+sin(2*PI*277*t)+sin(2*PI*330*t))/3";
        await Task.WhenAll(
            runner.RunAsync([.. quiet, "-f", "lavfi", "-i", Tone(music, 48_000, IntroLength, stereo: false), "-c:a", "pcm_f32le", Intro], cancellationToken: token),
            runner.RunAsync([.. quiet, "-f", "lavfi", "-i", Tone(SpokenMedia.Speech(0.05, humHz: 50), 44_100, MainLength, stereo: true), "-c:a", "pcm_f32le", Main], cancellationToken: token),
            runner.RunAsync([.. quiet, "-f", "lavfi", "-i", Tone(SpokenMedia.Speech(0.02, humHz: 60), 48_000, OutroLength, stereo: false), "-c:a", "pcm_f32le", Outro], cancellationToken: token),
            runner.RunAsync(
                [.. quiet, "-f", "lavfi", "-i", $"testsrc=duration={VideoLength.TotalSeconds}:size=160x120:rate=10",
                    "-f", "lavfi", "-i", Tone(SpokenMedia.Speech(0.1, humHz: 50), 44_100, VideoLength, stereo: true),
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k", Video],
                cancellationToken: token),
            runner.RunAsync([.. quiet, "-f", "lavfi", "-i", "testsrc=size=400x300:rate=1", "-frames:v", "1", Cover], cancellationToken: token),
            runner.RunAsync([.. quiet, "-f", "lavfi", "-i", "color=c=red:size=64x64", "-frames:v", "1", "-c:v", "mjpeg", ChapterImages[0]!], cancellationToken: token),
            runner.RunAsync([.. quiet, "-f", "lavfi", "-i", "color=c=blue:size=64x64", "-frames:v", "1", ChapterImages[1]!], cancellationToken: token));

        var intro = await InputAsync(Intro, IntroLength, 48_000, 1, hasVideo: false, token);
        var outro = await InputAsync(Outro, OutroLength, 48_000, 1, hasVideo: false, token);
        AudioSpec = new ProductionRenderSpec(
            await InputAsync(Main, MainLength, 44_100, 2, hasVideo: false, token), intro, outro, AudioOutputs, Metadata, Chapters, Cover, ChapterImages,
            Path.Combine(Folder, "out"));
        VideoSpec = new ProductionRenderSpec(
            await InputAsync(Video, VideoLength, 44_100, 2, hasVideo: true, token), intro, null, VideoOutputs, Metadata, [], null, [],
            Path.Combine(Folder, "out"));

        var progress = new List<FfmpegProgress>();
        AudioFiles = await Renderer().RenderAsync(AudioSpec, new SynchronousProgress(progress.Add), cancellationToken: token);
        AudioProgress = progress;
        VideoFiles = await Renderer().RenderAsync(VideoSpec, cancellationToken: token);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Measures and plans one input as the production's analysis does.</summary>
    private static async Task<ProductionRenderInput> InputAsync(string path, TimeSpan duration, int sampleRate, int channels, bool hasVideo, CancellationToken token)
    {
        var plan = await new LoudnessAnalyser(FfmpegTools.Runner()).PlanAsync(path, new LoudnessSettings(true, Target, -1, Filtering: true), sampleRate, token);
        return new ProductionRenderInput(path, [], plan, duration, hasVideo, channels);
    }

    private static string Tone(string expression, int sampleRate, TimeSpan duration, bool stereo) =>
        string.Create(CultureInfo.InvariantCulture,
            $"aevalsrc=exprs='{expression}{(stereo ? "|" + expression : "")}':s={sampleRate}:d={duration.TotalSeconds}");

    /// <summary>Reports on the caller's thread, so no report arrives after the render returns.</summary>
    private sealed class SynchronousProgress(Action<FfmpegProgress> report) : IProgress<FfmpegProgress>
    {
        public void Report(FfmpegProgress value) => report(value);
    }
}
