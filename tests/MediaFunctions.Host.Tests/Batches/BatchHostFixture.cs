using System.Net.Http.Headers;
using Azure.Storage.Blobs;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Host.Tests.Batches;

/// <summary>
/// One Azurite, a local origin of short podcast episodes (<see cref="Origin"/>) and one host on them that may read
/// loopback URLs (the origin, the webhook receivers), with two batch tenants, a third that only lists, and an
/// admin key that sees the service's own instances (webhook deliveries).
/// </summary>
public sealed class BatchHostFixture : IAsyncLifetime
{
    public const string AliceKey = "alice-batches-0001";
    public const string BobKey = "bob-batches-0002";

    /// <summary>A key whose batches only the listing test creates, so it knows them all.</summary>
    public const string ErinKey = "erin-batches-0005";

    public const string AdminKey = "root-batches-0000";

    private readonly AzuriteFixture _azurite = new();

    public BatchSourceOrigin Origin { get; } = new();

    public HostProcess Host { get; private set; } = null!;

    /// <summary>The host's storage, to look at the files it wrote.</summary>
    public BlobServiceClient Blobs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_azurite.InitializeAsync(), Origin.InitializeAsync());
        Blobs = new BlobServiceClient(_azurite.ConnectionString);
        Host = new HostProcess(new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = _azurite.ConnectionString,
            ["Auth__BootstrapKeys"] = $"alice={AliceKey};bob={BobKey};erin={ErinKey}",
            ["Auth__AdminKeys"] = $"root={AdminKey}",
            ["Durable__TaskHub"] = "Batches",
            ["Durable__PollInterval"] = "00:00:00.100",
            ["Sources__AllowPrivateNetworks"] = "true",
            ["Batches__SlotPollInterval"] = "00:00:00.200",
        });
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await Origin.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    /// <summary>A client of the host that sends <paramref name="key"/> as a bearer token.</summary>
    public HttpClient ClientFor(string key)
    {
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
