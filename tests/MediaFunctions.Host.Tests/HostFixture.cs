using System.Net.Http.Headers;
using MediaFunctions.Testing;

namespace MediaFunctions.Host.Tests;

/// <summary>
/// One Azurite and one host process for a test class, with tenant keys alice, bob and carol and the
/// admin key root, and the Diagnostics.* orchestrators enabled.
/// </summary>
public sealed class HostFixture : IAsyncLifetime
{
    public const string AliceKey = "alice-secret-0001";
    public const string BobKey = "bob-secret-0002";
    public const string CarolKey = "carol-secret-0003";
    public const string AdminKey = "root-secret-0000";

    private readonly AzuriteFixture azurite = new();

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        Host = new HostProcess(new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Auth__BootstrapKeys"] = $"alice={AliceKey};bob={BobKey};carol={CarolKey}",
            ["Auth__AdminKeys"] = $"root={AdminKey}",
            ["Durable__TaskHub"] = "HostTests",
            ["Durable__EnableDiagnosticWorkflows"] = "true",
        });
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await azurite.DisposeAsync();
    }

    /// <summary>A client that sends <paramref name="key"/> as a bearer token.</summary>
    public HttpClient ClientFor(string key)
    {
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient AnonymousClient() => Host.CreateClient();

    /// <summary>The host's output, for assertion messages.</summary>
    public string HostOutput => Host.Output;
}
