using System.Net.Http.Headers;
using Azure.Storage.Blobs;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Host.Tests.Jobs;

/// <summary>
/// One Azurite, generated media and two hosts on it: <see cref="Host"/> with the default 15-minute
/// links that may read media from loopback URLs, and <see cref="ShortLinkHost"/> whose links last
/// <see cref="ShortLinkLifetime"/> and which refuses private URLs, as a production host does.
/// </summary>
public sealed class JobHostFixture : IAsyncLifetime
{
    public const string AliceKey = "alice-jobs-0001";
    public const string BobKey = "bob-jobs-0002";
    public const string CarolKey = "carol-jobs-0003";

    /// <summary>A key with small caps: sources up to <see cref="DaveMaxSourceBytes"/>, media up to <see cref="DaveMaxDuration"/>.</summary>
    public const string DaveKey = "dave-jobs-0004";

    /// <summary>The idempotency tests' key: they count the jobs a key has, and carol's must stay at none.</summary>
    public const string ErinKey = "erin-jobs-0005";

    public const long DaveMaxSourceBytes = 1_000_000;

    public static readonly TimeSpan DaveMaxDuration = TimeSpan.FromSeconds(3);

    /// <summary>The upload cap of both hosts.</summary>
    public const long MaxUploadBytes = 8 * 1024 * 1024;

    public static readonly TimeSpan ShortLinkLifetime = TimeSpan.FromSeconds(3);

    /// <summary>The block size of <see cref="Host"/>'s upload sessions: small, so a file of seconds takes several blocks.</summary>
    public const int UploadBlockSize = 64 * 1024;

    private readonly AzuriteFixture _azurite = new();

    public GeneratedMedia Media { get; } = new();

    /// <summary>600 s of a 440 Hz tone as 22.05 kHz mono MP3 (3.6 MB): slow enough to catch a job at work.</summary>
    public string LongAudio => Path.Combine(Media.Folder, "long-tone.mp3");

    public HostProcess Host { get; private set; } = null!;

    public HostProcess ShortLinkHost { get; private set; } = null!;

    /// <summary>The storage both hosts use, for checking which blobs exist.</summary>
    public BlobServiceClient Blobs { get; private set; } = null!;

    public string StorageConnectionString => _azurite.ConnectionString;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_azurite.InitializeAsync(), Media.InitializeAsync(), GeneratedMedia.WriteToneAsync(LongAudio));
        Blobs = new BlobServiceClient(_azurite.ConnectionString);
        Host = new HostProcess(Settings("Jobs", new()
        {
            ["Sources__AllowPrivateNetworks"] = "true",
            ["Jobs__ScheduledStreamPollInterval"] = "00:00:01",
            ["Uploads__BlockSize"] = UploadBlockSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Jobs__Keys__dave__MaxSourceBytes"] = DaveMaxSourceBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Jobs__Keys__dave__MaxDuration"] = DaveMaxDuration.ToString(),
        }));
        ShortLinkHost = new HostProcess(Settings("ShortLinks", new()
        {
            ["Jobs__LinkLifetime"] = ShortLinkLifetime.ToString(),
        }));
        await Task.WhenAll(Host.StartAsync(), ShortLinkHost.StartAsync());
    }

    /// <summary>The settings of a host on this fixture's storage with the three tenant keys.</summary>
    public Dictionary<string, string> Settings(string taskHub, Dictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = _azurite.ConnectionString,
            ["Auth__BootstrapKeys"] = $"alice={AliceKey};bob={BobKey};carol={CarolKey};dave={DaveKey};erin={ErinKey}",
            ["Durable__TaskHub"] = taskHub,
            ["Durable__PollInterval"] = "00:00:00.100",
            ["Jobs__MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in extra ?? [])
        {
            settings[name] = value;
        }

        return settings;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { Host, ShortLinkHost })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        await _azurite.DisposeAsync();
        await Media.DisposeAsync();
    }

    /// <summary>A client of <paramref name="host"/> (default <see cref="Host"/>) that sends <paramref name="key"/> as a bearer token.</summary>
    public HttpClient ClientFor(string key, HostProcess? host = null)
    {
        var client = (host ?? Host).CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
