using System.Net.Http.Headers;
using MediaFunctions.Functions.Tests.Runtime;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Functions.Tests.Http;

/// <summary>
/// The two hosts of the API side by side on one Azurite: the self-host process and the Functions app,
/// with the same keys, a 1 MiB upload cap and a key (<see cref="CarolKey"/>) whose daily limit is
/// <see cref="CarolPerDay"/> requests (a day, so that no window ends between the requests of a case).
/// Rate-limit counters live in the shared storage, so carol's requests count once across both hosts.
/// </summary>
public sealed class ErrorParityFixture : IAsyncLifetime
{
    public const string AliceKey = "alice-parity-0001";
    public const string BobKey = "bob-parity-0002";
    public const string CarolKey = "carol-parity-0003";
    public const int CarolPerDay = 2;
    public const int MaxUploadBytes = 1024 * 1024;

    private readonly AzuriteFixture _azurite = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mf-parity-" + Guid.NewGuid().ToString("N"));
    private HostProcess? _host;
    private FunctionsApp? _functions;

    /// <summary>The names of the two hosts, as the theory's cases name them.</summary>
    public static readonly string[] Hosts = ["self-host", "functions"];

    /// <summary>One second of tone as MP3: media a job accepts.</summary>
    public byte[] Audio { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var audio = Path.Combine(_folder, "tone.mp3");
        await Task.WhenAll(_azurite.InitializeAsync(), GeneratedMedia.WriteToneAsync(audio, seconds: 1));
        Audio = await File.ReadAllBytesAsync(audio);
        var settings = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = _azurite.ConnectionString,
            ["Auth__BootstrapKeys"] = $"alice={AliceKey};bob={BobKey};carol={CarolKey}",
            ["Jobs__MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits__PerMinute"] = "1000000",
            ["RateLimits__PerHour"] = "1000000",
            ["RateLimits__PerDay"] = "1000000",
            ["RateLimits__Keys__carol__PerDay"] = CarolPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        _host = new HostProcess(new Dictionary<string, string>(settings) { ["Durable__TaskHub"] = "ParitySelfHost" });
        await _host.StartAsync();
        _functions = await FunctionsApp.StartAsync(new Dictionary<string, string>(settings) { ["Durable__TaskHub"] = "ParityFunctions" });
    }

    public async Task DisposeAsync()
    {
        if (_functions is not null)
        {
            await _functions.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _azurite.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The address of <paramref name="host"/> (one of <see cref="Hosts"/>).</summary>
    public Uri BaseAddressOf(string host) => host switch
    {
        "self-host" => _host!.BaseAddress,
        "functions" => _functions!.BaseAddress,
        _ => throw new ArgumentOutOfRangeException(nameof(host), host, null),
    };

    /// <summary>A client of <paramref name="host"/> (one of <see cref="Hosts"/>) that sends <paramref name="key"/> as a bearer token, or no key.</summary>
    public HttpClient ClientFor(string host, string? key)
    {
        var client = host switch
        {
            "self-host" => _host!.CreateClient(),
            "functions" => _functions!.CreateClient(),
            _ => throw new ArgumentOutOfRangeException(nameof(host), host, null),
        };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }
}
