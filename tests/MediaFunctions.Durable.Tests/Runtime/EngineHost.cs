using MediaFunctions.Durable.Runtime;
using MediaFunctions.Durable.Storage;
using MediaFunctions.Orchestration;
using MediaFunctions.Testing.Runtimes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MediaFunctions.Durable.Tests.Runtime;

/// <summary>A running engine in this test process, over a store the test chooses.</summary>
internal sealed class EngineHost : IOrchestrationRuntime
{
    private readonly IHost _host;

    private EngineHost(IHost host) => _host = host;

    public IOrchestrationClient Client => _host.Services.GetRequiredService<IOrchestrationClient>();
    public DurableEngine Engine => _host.Services.GetRequiredService<DurableEngine>();
    public IOrchestrationStore Store => _host.Services.GetRequiredService<IOrchestrationStore>();

    /// <param name="timeProvider">The engine's clock; the system's when null.</param>
    public static async Task<EngineHost> StartAsync(IOrchestrationStore store, Action<IServiceCollection> register, Dictionary<string, string?>? settings = null,
        TimeProvider? timeProvider = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Durable:Store"] = "InMemory",
            ["Durable:EnableDiagnosticWorkflows"] = "true",
            ["Durable:PollInterval"] = "00:00:00.050",
            ["Durable:LeaseDuration"] = "00:00:03",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.Services.AddDurableEngine(builder.Configuration);
        builder.Services.AddSingleton(store);
        register(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<DurableEngine>().Started;
        return new EngineHost(host);
    }

    public async Task StopAsync() => await _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
