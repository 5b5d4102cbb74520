using System.Globalization;
using System.Net.Http.Headers;
using Azure.Storage.Blobs;
using MediaFunctions.Testing.Media;
using MediaFunctions.Testing.Servers;
using Xunit;

namespace MediaFunctions.Testing.Runtimes;

/// <summary>
/// What the shared workflow cases (<see cref="JobRuntimeContract"/>, <see cref="BatchRuntimeContract"/>) run
/// against, whichever runtime serves the API: one Azurite, generated media, local origins for URL
/// sources, and two instances of the app on that storage, the main one and one whose links last
/// <see cref="ShortLinkLifetime"/>. Each runtime's fixture starts its own kind of app.
/// </summary>
public abstract class RuntimeFixture : IAsyncLifetime
{
    public const string AliceKey = "alice-runtime-0001";
    public const string BobKey = "bob-runtime-0002";

    public static readonly TimeSpan ShortLinkLifetime = TimeSpan.FromSeconds(3);

    private readonly AzuriteFixture _azurite = new();

    public GeneratedMedia Media { get; } = new();

    /// <summary>600 s of tone (see <see cref="GeneratedMedia.WriteToneAsync"/>).</summary>
    public string LongAudio => Path.Combine(Media.Folder, "long-tone.mp3");

    public DownloadOrigin DownloadOrigin { get; } = new();

    /// <summary>Short podcast episodes for batches.</summary>
    public BatchSourceOrigin BatchOrigin { get; } = new();

    /// <summary>The storage both apps use.</summary>
    public BlobServiceClient Blobs { get; private set; } = null!;

    /// <summary>The main app's address, as check-status payloads name it.</summary>
    public abstract Uri BaseAddress { get; }

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_azurite.InitializeAsync(), Media.InitializeAsync(), GeneratedMedia.WriteToneAsync(LongAudio),
            DownloadOrigin.InitializeAsync(), BatchOrigin.InitializeAsync());
        Blobs = new BlobServiceClient(_azurite.ConnectionString);
        await StartAppsAsync(Settings("Runtime", new() { ["Sources__AllowPrivateNetworks"] = "true" }),
            Settings("RuntimeShortLinks", new() { ["Jobs__LinkLifetime"] = ShortLinkLifetime.ToString("c", CultureInfo.InvariantCulture) }));
    }

    public async Task DisposeAsync()
    {
        await StopAppsAsync();
        await BatchOrigin.DisposeAsync();
        await DownloadOrigin.DisposeAsync();
        await _azurite.DisposeAsync();
        await Media.DisposeAsync();
    }

    /// <summary>A client of the main app (or of the short-link app) that sends <paramref name="key"/> as a bearer token.</summary>
    public HttpClient ClientFor(string key, bool shortLinks = false)
    {
        var client = CreateClient(shortLinks);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Starts both apps with these settings (the environment variables or app settings each runtime reads).</summary>
    protected abstract Task StartAppsAsync(Dictionary<string, string> settings, Dictionary<string, string> shortLinkSettings);

    protected abstract Task StopAppsAsync();

    protected abstract HttpClient CreateClient(bool shortLinks);

    private Dictionary<string, string> Settings(string taskHub, Dictionary<string, string> extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = _azurite.ConnectionString,
            ["Auth__BootstrapKeys"] = $"alice={AliceKey};bob={BobKey}",
            ["Durable__TaskHub"] = taskHub,
            ["Durable__PollInterval"] = "00:00:00.100",
            ["Batches__SlotPollInterval"] = "00:00:00.200",
            // The cases poll far faster than the default per-key limits allow.
            ["RateLimits__PerMinute"] = "1000000",
            ["RateLimits__PerHour"] = "1000000",
            ["RateLimits__PerDay"] = "1000000",
        };
        foreach (var (name, value) in extra)
        {
            settings[name] = value;
        }

        return settings;
    }
}
