using System.Diagnostics;
using MediaFunctions.Api.Telemetry;
using MediaFunctions.Durable.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MediaFunctions.Host.Tests.Telemetry;

/// <summary>
/// The self-host's app in the test process (<see cref="InProcessSelfHost"/>), with the spans and metrics Program would
/// send over OTLP sent to in-memory lists instead.
/// </summary>
public sealed class TracedSelfHost : IAsyncDisposable
{
    public const string AliceKey = "alice-otel-secret-0001";

    private readonly InProcessSelfHost _host;
    private readonly List<Activity> _spans;
    private readonly List<MetricSnapshot> _metrics;

    private TracedSelfHost(InProcessSelfHost host, List<Activity> spans, List<MetricSnapshot> metrics)
    {
        _host = host;
        _spans = spans;
        _metrics = metrics;
    }

    public Uri BaseAddress => _host.BaseAddress;

    /// <summary>Starts the app on <paramref name="storageConnectionString"/> with its own task hub and the key alice.</summary>
    public static async Task<TracedSelfHost> StartAsync(string storageConnectionString, CancellationToken cancellationToken)
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        var host = await InProcessSelfHost.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storageConnectionString,
            ["Auth:BootstrapKeys"] = $"alice={AliceKey}",
            ["Durable:TaskHub"] = "Otel" + Guid.NewGuid().ToString("N")[..8],
            ["Durable:PollInterval"] = "00:00:00.100",
            ["Sources:AllowPrivateNetworks"] = "true",
        }, TimeProvider.System, cancellationToken, services => services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddMediaFunctionsSources(DurableTelemetry.Name).AddInMemoryExporter(spans))
            .WithMetrics(meters => meters.AddMediaFunctionsMeters().AddInMemoryExporter(metrics)));
        return new TracedSelfHost(host, spans, metrics);
    }

    public HttpClient CreateClient() => _host.CreateClient();

    /// <summary>The spans ended so far (the exporter appends as they end; this is a copy).</summary>
    public IReadOnlyList<Activity> Spans => _spans.ToArray();

    /// <summary>Collects the meters now and returns the latest snapshot of each metric (cumulative sums).</summary>
    public IReadOnlyDictionary<string, MetricSnapshot> CollectMetrics()
    {
        _host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        return _metrics.ToArray().GroupBy(metric => metric.Name).ToDictionary(group => group.Key, group => group.Last());
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
