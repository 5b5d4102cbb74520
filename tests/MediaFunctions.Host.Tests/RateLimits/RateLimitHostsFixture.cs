using System.Net.Http.Headers;
using MediaFunctions.Testing;
using Microsoft.Extensions.Time.Testing;

namespace MediaFunctions.Host.Tests.RateLimits;

/// <summary>
/// Two self-hosts on one Azurite, so they share one count per key, on one clock that stands still half a minute
/// into a minute: every request of a test falls in that minute's window. Each test uses its own key, whose
/// per-minute limit is set small here; other keys keep roomy defaults.
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

    /// <summary>The hosts' time: half a minute before <see cref="NextMinute"/>.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 14, 12, 0, 30, TimeSpan.Zero);

    /// <summary>When the minute window of <see cref="Now"/> ends.</summary>
    public static readonly DateTimeOffset NextMinute = new(2026, 3, 14, 12, 1, 0, TimeSpan.Zero);

    private readonly AzuriteFixture azurite = new();

    public FakeTimeProvider Clock { get; } = new(Now);

    public InProcessSelfHost First { get; private set; } = null!;

    public InProcessSelfHost Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Durable:Store"] = "InMemory",
            ["Auth:BootstrapKeys"] = string.Join(';', PerMinute.Keys.Select(id => $"{id}={SecretOf(id)}")),
            ["RateLimits:PerMinute"] = "1000",
        };
        foreach (var (id, limit) in PerMinute)
        {
            settings[$"RateLimits:Keys:{id}:PerMinute"] = $"{limit}";
        }

        First = await InProcessSelfHost.StartAsync(settings, Clock);
        Second = await InProcessSelfHost.StartAsync(settings, Clock);
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
    public static HttpClient ClientFor(InProcessSelfHost host, string id)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SecretOf(id));
        return client;
    }
}
