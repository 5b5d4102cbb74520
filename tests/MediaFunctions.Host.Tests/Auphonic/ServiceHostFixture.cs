using System.Data.Common;
using MediaFunctions.Testing;

namespace MediaFunctions.Host.Tests.Auphonic;

/// <summary>
/// One Azurite, one s3rver and one host for the external-service tests, with keys alice and bob and loopback
/// addresses allowed (the storages and servers a service points at are local), as job tests allow them.
/// </summary>
public sealed class ServiceHostFixture : IAsyncLifetime
{
    public const string AliceKey = "alice-secret-0001";
    public const string BobKey = "bob-secret-0002";

    public AzuriteFixture Azurite { get; } = new();

    public S3rverFixture S3 { get; } = new();

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Azurite.InitializeAsync(), S3.InitializeAsync());
        Host = new HostProcess(new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = Azurite.ConnectionString,
            ["Auth__BootstrapKeys"] = $"alice={AliceKey};bob={BobKey}",
            ["Durable__TaskHub"] = "ServiceTests",
            ["Sources__AllowPrivateNetworks"] = "true",
        });
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await S3.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>A part of the Azurite connection string (AccountName, AccountKey, BlobEndpoint).</summary>
    public string ConnectionPart(string name) => (string)new DbConnectionStringBuilder { ConnectionString = Azurite.ConnectionString }[name];
}
