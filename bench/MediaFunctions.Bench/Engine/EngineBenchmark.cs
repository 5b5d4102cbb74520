using System.Collections.Concurrent;
using System.Diagnostics;
using MediaFunctions.Durable;
using MediaFunctions.Durable.Diagnostics;
using MediaFunctions.Durable.Runtime;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MediaFunctions.Bench.Engine;

/// <summary>
/// `./bench.sh engine`: throughput and latency of the embedded engine on Azurite and in memory.
/// Each figure is measured after a warm-up run of the same shape.
/// </summary>
internal static class EngineBenchmark
{
    private const string Stamped = "Bench.Stamped";
    private const string Stamp = "Bench.Stamp";
    private static readonly ConcurrentDictionary<string, long> ActivityDoneAt = new();

    public static async Task RunAsync(string azuriteConnectionString, TextWriter output)
    {
        await MeasureAsync("engine.azurite", new() { ["Durable:Store"] = "AzureStorage", ["Storage:ConnectionString"] = azuriteConnectionString }, output);
        await MeasureAsync("engine.memory", new() { ["Durable:Store"] = "InMemory" }, output);
    }

    private static async Task MeasureAsync(string prefix, Dictionary<string, string?> settings, TextWriter output)
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

        await RunToEndAsync(client, DiagnosticWorkflows.Chain, 20);
        const int chainLength = 500;
        var chain = await RunToEndAsync(client, DiagnosticWorkflows.Chain, chainLength);
        output.WriteLine($"{prefix}.sequential_activities_per_s {chainLength / chain.TotalSeconds:F0} activities/s");

        await RunToEndAsync(client, DiagnosticWorkflows.FanOut, 100);
        var fanOut = await RunToEndAsync(client, DiagnosticWorkflows.FanOut, 1000);
        output.WriteLine($"{prefix}.fanout_1000_s {fanOut.TotalSeconds:F2} s");

        const int instances = 200;
        var started = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, instances).Select(_ => client.ScheduleNewOrchestrationInstanceAsync(DiagnosticWorkflows.Chain, 1)));
        await Task.WhenAll(ids.Select(id => client.WaitForInstanceCompletionAsync(id)));
        output.WriteLine($"{prefix}.instances_per_s {instances / started.Elapsed.TotalSeconds:F0} instances/s");

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
