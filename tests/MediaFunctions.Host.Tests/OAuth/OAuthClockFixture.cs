using Azure.Data.Tables;
using MediaFunctions.Testing;
using Microsoft.Extensions.Time.Testing;

namespace MediaFunctions.Host.Tests.OAuth;

/// <summary>The self-host in this process on a clock the tests move (codes, tokens and consent forms expire), on its own Azurite, with keys owner, user and leaver (whose key a test removes).</summary>
public sealed class OAuthClockFixture : IAsyncLifetime
{
    public const string OwnerKey = "owner-oauth-secret-1";
    public const string UserKey = "user-oauth-secret-2";
    public const string LeaverKey = "leaver-oauth-secret-3";

    private readonly AzuriteFixture azurite = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero));

    public InProcessSelfHost Host { get; private set; } = null!;

    /// <summary>The tables the host keeps its keys in, for a test that removes one.</summary>
    public TableServiceClient Tables => new(azurite.ConnectionString);

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        Host = await InProcessSelfHost.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Durable:Store"] = "InMemory",
            ["Auth:BootstrapKeys"] = $"owner={OwnerKey};user={UserKey};leaver={LeaverKey}",
        }, Clock);
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
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }
}
