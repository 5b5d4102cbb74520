using MediaFunctions.Testing;
using MediaFunctions.Testing.Runtimes;

namespace MediaFunctions.Host.Tests.Runtimes;

/// <summary>The shared workflow cases' fixture on the self-host: two host processes on the embedded engine.</summary>
public sealed class SelfHostRuntimeFixture : RuntimeFixture
{
    private HostProcess? _host;
    private HostProcess? _shortLinkHost;

    public override Uri BaseAddress => _host!.BaseAddress;

    protected override async Task StartAppsAsync(Dictionary<string, string> settings, Dictionary<string, string> shortLinkSettings)
    {
        _host = new HostProcess(settings);
        _shortLinkHost = new HostProcess(shortLinkSettings);
        await Task.WhenAll(_host.StartAsync(), _shortLinkHost.StartAsync());
    }

    protected override async Task StopAppsAsync()
    {
        foreach (var host in new[] { _host, _shortLinkHost })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }

    protected override HttpClient CreateClient(bool shortLinks) => (shortLinks ? _shortLinkHost! : _host!).CreateClient();
}

[CollectionDefinition(Name)]
public sealed class SelfHostRuntimeCollection : ICollectionFixture<SelfHostRuntimeFixture>
{
    public const string Name = "Self-host runtime";
}

/// <summary>The shared job cases on the self-host.</summary>
[Collection(SelfHostRuntimeCollection.Name)]
public sealed class SelfHostJobRuntimeTests(SelfHostRuntimeFixture fixture) : JobRuntimeContract(fixture);

/// <summary>The shared batch cases on the self-host.</summary>
[Collection(SelfHostRuntimeCollection.Name)]
public sealed class SelfHostBatchRuntimeTests(SelfHostRuntimeFixture fixture) : BatchRuntimeContract(fixture);

/// <summary>The shared delete case on the self-host.</summary>
[Collection(SelfHostRuntimeCollection.Name)]
public sealed class SelfHostJobDeleteRuntimeTests(SelfHostRuntimeFixture fixture) : JobDeleteRuntimeContract(fixture);
