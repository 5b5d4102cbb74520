using System.Net.Http.Headers;
using MediaFunctions.Testing;

namespace MediaFunctions.Host.Tests.RateLimits;

/// <summary>
/// Two host processes on one Azurite, so they share one count per key. Each test uses its own key,
/// whose per-minute limit is set small here; other keys keep roomy defaults.
/// </summary>
public sealed class RateLimitHostsFixture : IAsyncLifetime
{
    /// <summary>Key ids and their per-minute limits.</summary>
    public static readonly IReadOnlyDictionary<string, int> PerMinute = new Dictionary<string, int>
    {
        ["burst"] = 5,
        ["headers"] = 4,
        ["exempt"] = 1,
        ["dialect"] = 2,
    };

    private readonly AzuriteFixture azurite = new();

    public HostProcess First { get; private set; } = null!;

    public HostProcess Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        var settings = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Durable__Store"] = "InMemory",
            ["Auth__BootstrapKeys"] = string.Join(';', PerMinute.Keys.Select(id => $"{id}={SecretOf(id)}")),
            ["RateLimits__PerMinute"] = "1000",
        };
        foreach (var (id, limit) in PerMinute)
        {
            settings[$"RateLimits__Keys__{id}__PerMinute"] = $"{limit}";
        }

        First = new HostProcess(settings);
        Second = new HostProcess(settings);
        await Task.WhenAll(First.StartAsync(), Second.StartAsync());
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { First, Second })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        await azurite.DisposeAsync();
    }

    /// <summary>The secret of key <paramref name="id"/>.</summary>
    public static string SecretOf(string id) => $"{id}-rate-secret";

    /// <summary>A client of <paramref name="host"/> that sends key <paramref name="id"/> as a bearer token.</summary>
    public static HttpClient ClientFor(HostProcess host, string id)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SecretOf(id));
        return client;
    }

    /// <summary>The output of both hosts, for assertion messages.</summary>
    public string Output => $"First host:\n{First.Output}\nSecond host:\n{Second.Output}";
}
