using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Sources.Egress;
using MediaFunctions.Core.Sources.Pages;
using MediaFunctions.Core.Sources.Relay;
using MediaFunctions.Core.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Tests.Sources;

/// <summary>The real guarded client and relay, wired the way the service wires them, for one test.</summary>
internal sealed class GuardedSources : IAsyncDisposable
{
    public GuardedSources(SourceOptions options)
    {
        Policy = new UrlSourcePolicy(Options.Create(options));
        Connector = new GuardedConnector(Policy);
        Client = new GuardedHttpClient(Connector);
        Relay = new SourceRelay(Client, NullLogger<SourceRelay>.Instance, new MediaFunctionsMetrics());
        Proxy = new EgressProxy(Connector, NullLogger<EgressProxy>.Instance);
        Pages = new PageMediaResolver(Proxy, Options.Create(options));
    }

    public UrlSourcePolicy Policy { get; }

    public GuardedConnector Connector { get; }

    public GuardedHttpClient Client { get; }

    public SourceRelay Relay { get; }

    public EgressProxy Proxy { get; }

    public PageMediaResolver Pages { get; }

    /// <summary>Loopback allowed, as tests that serve media from 127.0.0.1 need.</summary>
    public static GuardedSources AllowingLoopback() => new(new SourceOptions { AllowPrivateNetworks = true });

    /// <summary>Private networks refused, except exactly 127.0.0.1 (where the test servers listen).</summary>
    public static GuardedSources AllowingOnly127001() => new(new SourceOptions { AllowedNetworks = ["127.0.0.1/32"] });

    public async ValueTask DisposeAsync()
    {
        await Relay.DisposeAsync();
        await Proxy.DisposeAsync();
        Client.Dispose();
    }
}
