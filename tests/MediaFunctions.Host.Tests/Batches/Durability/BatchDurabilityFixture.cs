using System.Globalization;
using System.Net.Http.Headers;
using Azure.Storage.Blobs;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Host.Tests.Batches.Durability;

/// <summary>
/// One Azurite and one origin for the batch durability tests: <see cref="VideoClipCount"/> distinct 3 s 720p
/// MPEG-4 clips (a download with <c>video_codec: h264</c> encodes them, so ffmpeg is busy for a while per item)
/// and one 0.2 s MP3. Each test starts its own host on this storage with the settings it needs.
/// </summary>
public sealed class BatchDurabilityFixture : IAsyncLifetime
{
    public const string AliceKey = "alice-durability-0001";
    public const string AliceKeyId = "alice";
    public const int VideoClipCount = 8;
    public const double VideoClipSeconds = 3;

    private readonly AzuriteFixture azurite = new();

    public BatchItemOrigin Origin { get; private set; } = null!;

    /// <summary>The video clips' URLs, each a different file.</summary>
    public IReadOnlyList<Uri> VideoClips { get; private set; } = [];

    /// <summary>A 0.2 s MP3 tone.</summary>
    public Uri TinyClip { get; private set; } = null!;

    /// <summary>The storage the hosts use, for checking which blobs exist.</summary>
    public BlobServiceClient Blobs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var origin = BatchItemOrigin.StartAsync();
        await Task.WhenAll(azurite.InitializeAsync(), origin);
        Origin = await origin;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        VideoClips = await Origin.AddVideoClipsAsync("video", VideoClipCount, VideoClipSeconds, 1280, 720, timeout.Token);
        TinyClip = (await Origin.AddAudioClipsAsync("tiny", 1, 0.2, timeout.Token))[0];
        Blobs = new BlobServiceClient(azurite.ConnectionString);
    }

    /// <summary>
    /// The settings of a host on this storage with alice's key, allowed to read the loopback origin. The engine may run
    /// 16 activities at once, so what caps the ffmpeg runs is the batch's and the key's concurrency, never the engine.
    /// </summary>
    public Dictionary<string, string> Settings(string taskHub, Dictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Auth__BootstrapKeys"] = $"{AliceKeyId}={AliceKey}",
            ["Durable__TaskHub"] = taskHub,
            ["Durable__PollInterval"] = "00:00:00.100",
            ["Durable__MaxConcurrentActivities"] = "16",
            ["Sources__AllowPrivateNetworks"] = "true",
            ["Batches__Concurrency"] = "16",
            ["Batches__KeyConcurrency"] = "16",
            ["Batches__SlotPollInterval"] = "00:00:00.200",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in extra ?? [])
        {
            settings[name] = value;
        }

        return settings;
    }

    /// <summary>A client of <paramref name="host"/> that sends alice's key.</summary>
    public static HttpClient ClientFor(HostProcess host)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AliceKey);
        return client;
    }

    /// <summary>The names of alice's output blobs of one job.</summary>
    public Task<List<string>> OutputBlobsAsync(string jobId, CancellationToken cancellationToken) =>
        JobApi.BlobsAsync(Blobs, "outputs", string.Create(CultureInfo.InvariantCulture, $"{AliceKeyId}/{jobId}/"), cancellationToken);

    public async Task DisposeAsync()
    {
        if (Origin is not null)
        {
            await Origin.DisposeAsync();
        }

        await azurite.DisposeAsync();
    }
}
