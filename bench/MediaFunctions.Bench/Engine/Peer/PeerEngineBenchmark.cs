using DurableTask.AzureStorage;
using DurableTask.Core;

namespace MediaFunctions.Bench.Engine.Peer;

/// <summary>
/// Our engine's peer in `./bench.sh engine`: the same workloads on the Durable Task Framework (DTFx) with its
/// Azure Storage provider, the backend Durable Functions runs on in Azure, driven by the classic
/// <see cref="TaskHubWorker"/> and <see cref="TaskHubClient"/>.
/// </summary>
internal static class PeerEngineBenchmark
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(10);

    /// <summary>Runs the warm-ups and then each workload <see cref="EngineWorkloads.Runs"/> times on a fresh task hub.</summary>
    public static async Task<EngineFigures> MeasureAsync(string azuriteConnectionString)
    {
        // Durable Functions' defaults in Azure, with nothing tuned either way: a task hub on the storage account
        // given by a connection string; PartitionCount 4 (DTFx's and Durable Functions' default, and our engine's);
        // MaxConcurrentTaskActivityWorkItems 10 and MaxConcurrentTaskOrchestrationWorkItems 100 left at DTFx's
        // defaults (Durable Functions on a Consumption plan also runs 10 activities at once; our engine runs as many
        // as there are cores); queue polling left at its default, backing off to MaxQueuePollingInterval 30 s when
        // idle; extended sessions off; the partition manager DTFx 2.11 defaults to (the table-based one, as in
        // Durable Functions 3) with its 2 s PartitionTableOperationTimeout.
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = $"Peer{Guid.NewGuid():N}"[..20],
            StorageAccountClientProvider = new StorageAccountClientProvider(azuriteConnectionString),
            PartitionCount = 4,
        });
        await service.CreateIfNotExistsAsync();
        var worker = new TaskHubWorker(service);
        worker.AddTaskOrchestrations(typeof(PeerChainOrchestration), typeof(PeerFanOutOrchestration));
        worker.AddTaskActivities(typeof(PeerAddActivity));
        await worker.StartAsync();
        try
        {
            var client = new TaskHubClient(service);
            await RunToEndAsync(client, typeof(PeerChainOrchestration), EngineWorkloads.ChainWarmUp);
            var chain = await WorkloadRuns.MeasureAsync(() => RunToEndAsync(client, typeof(PeerChainOrchestration), EngineWorkloads.ChainLength));
            await RunToEndAsync(client, typeof(PeerFanOutOrchestration), EngineWorkloads.FanOutWarmUp);
            var fanOut = await WorkloadRuns.MeasureAsync(() => RunToEndAsync(client, typeof(PeerFanOutOrchestration), EngineWorkloads.FanOutWidth));
            var instances = await WorkloadRuns.MeasureAsync(async () =>
            {
                var started = DateTime.UtcNow;
                var created = await Task.WhenAll(Enumerable.Range(0, EngineWorkloads.Instances)
                    .Select(_ => client.CreateOrchestrationInstanceAsync(typeof(PeerChainOrchestration), 1)));
                var lastCompleted = started;
                // One after another: by the time the later ones are asked for, most have ended, so the polling
                // adds little load on Azurite while the worker runs.
                foreach (var instance in created)
                {
                    var completed = await CompletedTimeAsync(client, instance, started);
                    lastCompleted = completed > lastCompleted ? completed : lastCompleted;
                }

                return lastCompleted - started;
            });
            return new EngineFigures(chain, fanOut, instances);
        }
        finally
        {
            // Graceful: a forced stop leaves the partition manager polling a storage account that is about to go.
            await worker.StopAsync(isForced: false);
        }
    }

    private static async Task<TimeSpan> RunToEndAsync(TaskHubClient client, Type orchestration, int input)
    {
        var started = DateTime.UtcNow;
        var instance = await client.CreateOrchestrationInstanceAsync(orchestration, input);
        return await CompletedTimeAsync(client, instance, started) - started;
    }

    /// <summary>
    /// Waits for the instance to complete and returns the time it completed at, as its worker recorded it.
    /// DTFx's Azure Storage client looks every 2 s, so the time the wait returns would charge the peer up to 2 s
    /// that are the client's, not the engine's; the recorded completion time does not.
    /// </summary>
    private static async Task<DateTime> CompletedTimeAsync(TaskHubClient client, OrchestrationInstance instance, DateTime started)
    {
        var state = await client.WaitForOrchestrationAsync(instance, WaitLimit);
        if (state?.OrchestrationStatus != OrchestrationStatus.Completed)
        {
            throw new InvalidOperationException($"{state?.Name} ({instance.InstanceId}) ended {state?.OrchestrationStatus}: {state?.Output}");
        }

        if (state.CompletedTime < started)
        {
            throw new InvalidOperationException($"{state.Name} ({instance.InstanceId}) has no completion time after its start: {state.CompletedTime:O}.");
        }

        return state.CompletedTime;
    }
}
