using System.Net.Http.Headers;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Media;
using MediaFunctions.Testing.Servers;
using Microsoft.Playwright;

namespace MediaFunctions.Console.Tests;

/// <summary>
/// What the console's tests share: Azurite, the real self-host with one tenant key, Debian's headless Chromium driven by Playwright
/// (never a browser Playwright downloads), and the media a user would pick: 10 s of test picture with a tone as MP4, and a text file
/// named like a video.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string Key = "console-secret-0001";
    public const double VideoSeconds = 10;

    /// <summary>The host's upload-session block size: small, so the 10 s video goes up in several blocks.</summary>
    public const int UploadBlockBytes = 64 * 1024;

    /// <summary>Debian's chromium package; Playwright is told where it is and never fetches its own.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly AzuriteFixture _azurite = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mf-console-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public HostProcess Host { get; private set; } = null!;

    /// <summary>Serves the fixture's media over HTTP on loopback, for the URL a user pastes (the host allows loopback sources here).</summary>
    public StaticFileServer Origin { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>10 s of 320x240 test picture (H.264) and a 440 Hz tone (AAC).</summary>
    public string Video => Path.Combine(_folder, "talk.mp4");

    /// <summary>Meeting notes saved as <c>notes.mp4</c>: what a user picks by mistake.</summary>
    public string TextAsVideo => Path.Combine(_folder, "notes.mp4");

    /// <summary>Where the screenshots go: <c>.test-results/screenshots/</c> at the repository's root.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryPaths.Root, ".test-results", "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Directory.CreateDirectory(ScreenshotFolder);
        await Task.WhenAll(_azurite.InitializeAsync(), WriteMediaAsync());
        Origin = await StaticFileServer.StartAsync(_folder, CancellationToken.None);
        Host = new HostProcess(new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = _azurite.ConnectionString,
            ["Auth__BootstrapKeys"] = $"console={Key}",
            ["Durable__TaskHub"] = "ConsoleTests",
            ["Sources__AllowPrivateNetworks"] = "true",
            ["Uploads__BlockSize"] = UploadBlockBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await Host.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Origin is not null)
        {
            await Origin.DisposeAsync();
        }

        await _azurite.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A client of the host that sends <paramref name="key"/> as a bearer token (none when null).</summary>
    public HttpClient ClientFor(string? key)
    {
        var client = Host.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    private async Task WriteMediaAsync()
    {
        var seconds = VideoSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", $"testsrc=duration={seconds}:size=320x240:rate=15",
                "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=44100:duration={seconds}",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k", "-movflags", "+faststart", Video],
            cancellationToken: FfmpegTools.Timeout(120));
        await File.WriteAllTextAsync(TextAsVideo, "These are meeting notes, not a video.\n");
    }
}
