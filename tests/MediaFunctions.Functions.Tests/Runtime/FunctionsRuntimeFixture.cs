using MediaFunctions.Testing.Runtimes;

namespace MediaFunctions.Functions.Tests.Runtime;

/// <summary>The shared workflow cases' fixture on the Functions app: two <see cref="FunctionsApp"/>s under the Durable Task SDK.</summary>
public sealed class FunctionsRuntimeFixture : RuntimeFixture
{
    private FunctionsApp? _app;
    private FunctionsApp? _shortLinkApp;

    public override Uri BaseAddress => _app!.BaseAddress;

    protected override async Task StartAppsAsync(Dictionary<string, string> settings, Dictionary<string, string> shortLinkSettings)
    {
        _app = await FunctionsApp.StartAsync(settings);
        _shortLinkApp = await FunctionsApp.StartAsync(shortLinkSettings);
    }

    protected override async Task StopAppsAsync()
    {
        foreach (var app in new[] { _app, _shortLinkApp })
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }

    protected override HttpClient CreateClient(bool shortLinks) => (shortLinks ? _shortLinkApp! : _app!).CreateClient();
}

[CollectionDefinition(Name)]
public sealed class FunctionsRuntimeCollection : ICollectionFixture<FunctionsRuntimeFixture>
{
    public const string Name = "Functions runtime";
}

/// <summary>The shared job cases on the Functions app.</summary>
[Collection(FunctionsRuntimeCollection.Name)]
public sealed class FunctionsJobRuntimeTests(FunctionsRuntimeFixture fixture) : JobRuntimeContract(fixture);

/// <summary>The shared batch cases on the Functions app.</summary>
[Collection(FunctionsRuntimeCollection.Name)]
public sealed class FunctionsBatchRuntimeTests(FunctionsRuntimeFixture fixture) : BatchRuntimeContract(fixture);

/// <summary>An app of its own for deleting a job mid-render (see <see cref="JobDeleteRuntimeContract"/>).</summary>
[CollectionDefinition(Name)]
public sealed class FunctionsDeleteRuntimeCollection : ICollectionFixture<FunctionsRuntimeFixture>
{
    // NOTE: the render's result reaches the test host after the job's instance was purged; its in-memory
    // backend then retries that message without end (Azure Storage drops it), so these cases get an app
    // that is stopped when they end.
    public const string Name = "Functions runtime, deleting jobs";
}

/// <summary>The shared delete case on the Functions app.</summary>
[Collection(FunctionsDeleteRuntimeCollection.Name)]
public sealed class FunctionsJobDeleteRuntimeTests(FunctionsRuntimeFixture fixture) : JobDeleteRuntimeContract(fixture);
