using System.Diagnostics;
using System.Net;
using MediaFunctions.Api;
using MediaFunctions.Api.Telemetry;
using MediaFunctions.Durable;
using MediaFunctions.Durable.Telemetry;
using MediaFunctions.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MediaFunctions.Host.Tests.Telemetry;

/// <summary>
/// The self-host's app, wired as its Program wires it, in the test process on a free loopback port, with the spans and
/// metrics Program would send over OTLP sent to in-memory lists instead.
/// </summary>
public sealed class TracedSelfHost : IAsyncDisposable
{
    public const string AliceKey = "alice-otel-secret-0001";

    private readonly WebApplication _app;
    private readonly List<Activity> _spans;
    private readonly List<MetricSnapshot> _metrics;

    private TracedSelfHost(WebApplication app, Uri baseAddress, List<Activity> spans, List<MetricSnapshot> metrics)
    {
        _app = app;
        BaseAddress = baseAddress;
        _spans = spans;
        _metrics = metrics;
    }

    public Uri BaseAddress { get; }

    /// <summary>Starts the app on <paramref name="storageConnectionString"/> with its own task hub and the key alice.</summary>
    public static async Task<TracedSelfHost> StartAsync(string storageConnectionString, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storageConnectionString,
            ["Auth:BootstrapKeys"] = $"alice={AliceKey}",
            ["Durable:TaskHub"] = "Otel" + Guid.NewGuid().ToString("N")[..8],
            ["Durable:PollInterval"] = "00:00:00.100",
            ["Sources:AllowPrivateNetworks"] = "true",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddMediaFunctionsApi(builder.Configuration);
        builder.Services.AddDurableEngine(builder.Configuration);
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddMediaFunctionsSources(DurableTelemetry.Name).AddInMemoryExporter(spans))
            .WithMetrics(meters => meters.AddMediaFunctionsMeters().AddInMemoryExporter(metrics));
        var app = builder.Build();
        app.MapMediaFunctionsApi();
        await app.StartAsync(cancellationToken);
        return new TracedSelfHost(app, new Uri($"http://127.0.0.1:{port}"), spans, metrics);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>The spans ended so far (the exporter appends as they end; this is a copy).</summary>
    public IReadOnlyList<Activity> Spans => _spans.ToArray();

    /// <summary>Collects the meters now and returns the latest snapshot of each metric (cumulative sums).</summary>
    public IReadOnlyDictionary<string, MetricSnapshot> CollectMetrics()
    {
        _app.Services.GetRequiredService<MeterProvider>().ForceFlush();
        return _metrics.ToArray().GroupBy(metric => metric.Name).ToDictionary(group => group.Key, group => group.Last());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
