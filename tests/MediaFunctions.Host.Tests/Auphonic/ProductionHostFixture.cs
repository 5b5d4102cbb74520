using System.Globalization;
using Azure.Storage.Blobs;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Media;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Host.Tests.Auphonic;

/// <summary>
/// One Azurite, one host that may read media from loopback URLs, and an origin serving generated media for productions:
/// speech-like audio with hum and rumble, a louder intro and a quieter outro, a short video, a cover picture, and the bad
/// files a user might send.
/// </summary>
public sealed class ProductionHostFixture : IAsyncLifetime
{
    public const string AliceKey = "alice-productions-0001";
    public const string BobKey = "bob-productions-0002";

    public const double SpeechSeconds = 10;
    public const double IntroSeconds = 4;
    public const double OutroSeconds = 3;
    public const double VideoSeconds = 6;

    /// <summary>The long input a run is stopped in: 20 minutes of tone, minutes of work for every step.</summary>
    public const int LongSeconds = 1200;

    private readonly AzuriteFixture _azurite = new();

    /// <summary>An S3-compatible store, for services.</summary>
    public S3rverFixture S3 { get; } = new();

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mf-productions-" + Guid.NewGuid().ToString("N"));

    public HostProcess Host { get; private set; } = null!;

    public StaticFileServer Origin { get; private set; } = null!;

    public BlobServiceClient Blobs { get; private set; } = null!;

    /// <summary>10 s of speech-like audio at about −37 LUFS with 50 Hz hum and 30 Hz rumble 20 dB under it (48 kHz mono WAV).</summary>
    public string Speech => Path.Combine(Folder, "episode.wav");

    public string Intro => Path.Combine(Folder, "intro.wav");

    public string Outro => Path.Combine(Folder, "outro.wav");

    /// <summary>6 s of MPEG-4 video (320×240, 10 fps) with the speech as AAC.</summary>
    public string Video => Path.Combine(Folder, "video.mp4");

    public string Cover => Path.Combine(Folder, "cover.png");

    public string Long => Path.Combine(Folder, "long.mp3");

    public string TextFile => Path.Combine(Folder, "notes.txt");

    public string EmptyFile => Path.Combine(Folder, "empty.mp3");

    public Uri UrlOf(string path) => Origin.Url(Path.GetFileName(path));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        await Task.WhenAll(_azurite.InitializeAsync(), S3.InitializeAsync(), MakeMediaAsync());
        Blobs = new BlobServiceClient(_azurite.ConnectionString);
        Origin = await StaticFileServer.StartAsync(Folder, CancellationToken.None);
        Host = new HostProcess(new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = _azurite.ConnectionString,
            ["Auth__BootstrapKeys"] = $"alice={AliceKey};bob={BobKey}",
            ["Durable__TaskHub"] = "Productions",
            ["Durable__PollInterval"] = "00:00:00.100",
            ["Sources__AllowPrivateNetworks"] = "true",
            ["Webhooks__FirstRetryInterval"] = "00:00:01",
            ["Jobs__MaxUploadBytes"] = (32 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
        });
        await Host.StartAsync();
    }

    public HttpClient ClientFor(string key)
    {
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"bearer {key}");
        return client;
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Origin is not null)
        {
            await Origin.DisposeAsync();
        }

        await _azurite.DisposeAsync();
        await S3.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    private async Task MakeMediaAsync()
    {
        var token = FfmpegTools.Timeout(120);
        await Task.WhenAll(
            SpeechLikeAudio.WriteAsync(Speech, SpeechLikeAudio.Expression(0.05, humHz: 50), SpeechSeconds, token),
            SpeechLikeAudio.WriteAsync(Intro, SpeechLikeAudio.Expression(0.8, humHz: 50), IntroSeconds, token),
            SpeechLikeAudio.WriteAsync(Outro, SpeechLikeAudio.Expression(0.01, humHz: 50), OutroSeconds, token),
            GeneratedMedia.WriteToneAsync(Long, LongSeconds),
            FfmpegTools.Runner().RunAsync(["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=300x300:rate=1", "-frames:v", "1", Cover],
                cancellationToken: token),
            File.WriteAllTextAsync(TextFile, "These are show notes, not audio.\n", token),
            File.WriteAllBytesAsync(EmptyFile, [], token));
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"testsrc=duration={VideoSeconds}:size=320x240:rate=10"),
                "-i", Speech, "-t", VideoSeconds.ToString(CultureInfo.InvariantCulture), "-c:v", "mpeg4", "-c:a", "aac", "-b:a", "96k", Video],
            cancellationToken: token);
    }
}
