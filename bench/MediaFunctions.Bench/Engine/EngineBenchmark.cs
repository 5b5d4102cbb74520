using System.Collections.Concurrent;
using System.Diagnostics;
using MediaFunctions.Bench.Engine.Peer;
using MediaFunctions.Durable;
using MediaFunctions.Durable.Diagnostics;
using MediaFunctions.Durable.Runtime;
using MediaFunctions.Orchestration;
using MediaFunctions.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MediaFunctions.Bench.Engine;

/// <summary>
/// `./bench.sh engine`: throughput and latency of the embedded engine on Azurite and in memory, and the same
/// workloads on its peer, the Durable Task Framework's Azure Storage provider (<see cref="PeerEngineBenchmark"/>).
/// Each side runs a warm-up of each shape first; each workload is then timed <see cref="EngineWorkloads.Runs"/> times.
/// </summary>
internal static class EngineBenchmark
{
    private const string Stamped = "Bench.Stamped";
    private const string Stamp = "Bench.Stamp";
    private static readonly ConcurrentDictionary<string, long> ActivityDoneAt = new();

    public static async Task RunAsync(TextWriter output)
    {
        // Each side gets a fresh Azurite of the same settings, so neither runs on what the other left behind.
        var ours = await OnFreshAzuriteAsync(connectionString => MeasureAsync(
            "engine.azurite", new() { ["Durable:Store"] = "AzureStorage", ["Storage:ConnectionString"] = connectionString }, output));
        await MeasureAsync("engine.memory", new() { ["Durable:Store"] = "InMemory" }, output);
        var peer = await OnFreshAzuriteAsync(PeerEngineBenchmark.MeasureAsync);
        peer.WriteTo("engine.peer", output);

        // Higher is better for ours in each.
        output.WriteLine($"engine.vs_peer.sequential {ours.SequentialActivitiesPerSecond / peer.SequentialActivitiesPerSecond:F1} x");
        output.WriteLine($"engine.vs_peer.fanout {peer.FanOut.Median / ours.FanOut.Median:F1} x");
        output.WriteLine($"engine.vs_peer.instances {ours.InstancesPerSecond / peer.InstancesPerSecond:F1} x");
    }

    private static async Task<T> OnFreshAzuriteAsync<T>(Func<string, Task<T>> measure)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            return await measure(azurite.ConnectionString);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static async Task<EngineFigures> MeasureAsync(string prefix, Dictionary<string, string?> settings, TextWriter output)
    {
        settings["Durable:TaskHub"] = $"Bench{Guid.NewGuid():N}"[..20];
        settings["Durable:EnableDiagnosticWorkflows"] = "true";
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDurableEngine(builder.Configuration);
        builder.Services.AddOrchestrator(Stamped, async context => await context.CallActivityAsync<int>(Stamp));
        builder.Services.AddActivity(Stamp, (context, _) =>
        {
            ActivityDoneAt[context.InstanceId] = Stopwatch.GetTimestamp();
            return Task.FromResult<object?>(1);
        });
        using var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<DurableEngine>().Started;
        var client = host.Services.GetRequiredService<IOrchestrationClient>();

        await RunToEndAsync(client, DiagnosticWorkflows.Chain, EngineWorkloads.ChainWarmUp);
        var chain = await WorkloadRuns.MeasureAsync(() => RunToEndAsync(client, DiagnosticWorkflows.Chain, EngineWorkloads.ChainLength));
        await RunToEndAsync(client, DiagnosticWorkflows.FanOut, EngineWorkloads.FanOutWarmUp);
        var fanOut = await WorkloadRuns.MeasureAsync(() => RunToEndAsync(client, DiagnosticWorkflows.FanOut, EngineWorkloads.FanOutWidth));
        var instances = await WorkloadRuns.MeasureAsync(async () =>
        {
            var started = Stopwatch.StartNew();
            var ids = await Task.WhenAll(Enumerable.Range(0, EngineWorkloads.Instances)
                .Select(_ => client.ScheduleNewOrchestrationInstanceAsync(DiagnosticWorkflows.Chain, 1)));
            await Task.WhenAll(ids.Select(id => client.WaitForInstanceCompletionAsync(id)));
            return started.Elapsed;
        });
        var figures = new EngineFigures(chain, fanOut, instances);
        figures.WriteTo(prefix, output);

        var latencies = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync(Stamped);
            while ((await client.GetInstanceAsync(id))?.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                await Task.Delay(1);
            }

            var seen = Stopwatch.GetTimestamp();
            latencies.Add(Stopwatch.GetElapsedTime(ActivityDoneAt[id], seen).TotalMilliseconds);
        }

        latencies.Sort();
        output.WriteLine($"{prefix}.status_latency_ms_p50 {latencies[latencies.Count / 2]:F1} ms");
        await host.StopAsync();
        return figures;
    }

    private static async Task<TimeSpan> RunToEndAsync(IOrchestrationClient client, string orchestrator, int input)
    {
        var watch = Stopwatch.StartNew();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input);
        var done = await client.WaitForInstanceCompletionAsync(id);
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{orchestrator}({input}) ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        }

        return watch.Elapsed;
    }
}
