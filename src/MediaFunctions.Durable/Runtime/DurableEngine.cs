using System.Collections.Concurrent;
using MediaFunctions.Durable.Execution;
using MediaFunctions.Durable.History;
using MediaFunctions.Durable.Storage;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Durable.Runtime;

/// <summary>
/// The embedded durable engine of one process: holds partition leases, keeps a worker per live
/// instance of its partitions, runs activities and timers, and picks up work that other processes
/// signal through the store.
/// </summary>
public sealed class DurableEngine : BackgroundService
{
    private readonly ConcurrentDictionary<string, InstanceWorker> _workers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InstanceState>> _endWaiters = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<InstanceWorker> _loadOrder = new();
    private readonly bool[] _owned;
    private readonly IServiceProvider _services;
    private readonly WorkflowRegistry _registry;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _loaded;

    public DurableEngine(IOrchestrationStore store, WorkflowRegistry registry, IServiceProvider services, IOptions<DurableOptions> options,
        TimeProvider timeProvider, ILogger<DurableEngine> logger)
    {
        Store = store;
        _registry = registry;
        _services = services;
        Options = options.Value;
        TimeProvider = timeProvider;
        Logger = logger;
        _owned = new bool[Options.PartitionCount];
        Activities = new ActivityDispatcher(registry, services.GetRequiredService<IServiceScopeFactory>(), timeProvider, logger);
        Timers = new TimerScheduler(timeProvider);
        OwnerId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
    }

    internal IOrchestrationStore Store { get; }
    internal DurableOptions Options { get; }
    /// <summary>The clock of history timestamps, durable timers, retry delays and partition leases.</summary>
    internal TimeProvider TimeProvider { get; }
    internal ILogger Logger { get; }
    internal ActivityDispatcher Activities { get; }
    internal TimerScheduler Timers { get; }
    internal CancellationToken Stopping { get; private set; }

    /// <summary>Identifies this process in partition leases.</summary>
    public string OwnerId { get; }

    /// <summary>Completes once the store is initialized and the first lease round is done.</summary>
    public Task Started => _started.Task;

    /// <summary>The clock's time, as history events carry it.</summary>
    internal DateTime UtcNow => TimeProvider.GetUtcNow().UtcDateTime;

    /// <summary>Waits briefly for the engine to start; storage that stays unreachable is reported as a timeout.</summary>
    internal async Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        if (!_started.Task.IsCompleted)
        {
            try
            {
                await _started.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException("The durable engine has not started: its storage is unreachable.");
            }
        }
    }

    internal bool HasOrchestrator(string name) => _registry.HasOrchestrator(name);

    internal int PartitionOf(string instanceId) => PartitionMap.PartitionOf(instanceId, Options.PartitionCount);

    /// <summary>Makes the owner of the instance's partition look at its inbox: at once when that is this process.</summary>
    internal async Task WakeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(instanceId);
        if (Volatile.Read(ref _owned[partition]))
        {
            WorkerFor(instanceId, partition).NotifyInbox();
        }
        else
        {
            await Store.SignalAsync(partition, instanceId, cancellationToken);
        }
    }

    /// <summary>Hands a new instance to its worker with what was just stored, so its first step reads nothing.</summary>
    internal async Task OnCreatedAsync(InstanceSnapshot created, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(created.State.InstanceId);
        if (Volatile.Read(ref _owned[partition]))
        {
            WorkerFor(created.State.InstanceId, partition).Prime(created);
        }
        else
        {
            await Store.SignalAsync(partition, created.State.InstanceId, cancellationToken);
        }
    }

    /// <summary>Completes when this process sees the instance end (other processes' instances are polled by the client).</summary>
    internal Task<InstanceState> WhenEndedLocallyAsync(string instanceId) =>
        _endWaiters.GetOrAdd(instanceId, _ => new TaskCompletionSource<InstanceState>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    internal IOrchestrator CreateOrchestrator(string name) =>
        _registry.HasOrchestrator(name) ? _registry.CreateOrchestrator(name, _services) : new MissingOrchestrator(name);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Stopping = stoppingToken;
        // The host stays up while storage is unreachable (health reports it); the engine keeps trying.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Store.InitializeAsync(stoppingToken);
                await RenewLeasesAsync(stoppingToken);
                break;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Logs.LoopFailed(Logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt)), TimeProvider, stoppingToken);
            }
        }

        Logs.EngineStarted(Logger, Options.TaskHub, Options.Store, Options.PartitionCount, OwnerId);
        _started.TrySetResult();
        try
        {
            // NOTE: signals are polled on the real clock: how often to look is no point in time, and a test's stopped
            // clock must not stall wake-ups from other processes.
            await Task.WhenAll(
                Activities.RunAsync(Options.MaxConcurrentActivities, stoppingToken),
                LoopAsync(RenewLeasesAsync, Options.LeaseDuration / 3, TimeProvider, stoppingToken),
                LoopAsync(PollSignalsAsync, Options.PollInterval, TimeProvider.System, stoppingToken));
        }
        finally
        {
            Timers.Dispose();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Releasing only lets another process take over sooner; it must not hold up a shutdown.
        using var release = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        release.CancelAfter(TimeSpan.FromSeconds(2));
        for (var partition = 0; partition < _owned.Length; partition++)
        {
            if (_owned[partition])
            {
                try
                {
                    await Store.ReleaseLeaseAsync(partition, OwnerId, release.Token);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || release.IsCancellationRequested)
                {
                    Logs.LoopFailed(Logger, exception);
                    return;
                }
            }
        }
    }

    private async Task LoopAsync(Func<CancellationToken, Task> body, TimeSpan interval, TimeProvider clock, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, cancellationToken);
                await body(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                Logs.LoopFailed(Logger, exception);
            }
        }
    }

    private async Task RenewLeasesAsync(CancellationToken cancellationToken)
    {
        for (var partition = 0; partition < _owned.Length; partition++)
        {
            var held = await Store.TryAcquireLeaseAsync(partition, OwnerId, Options.LeaseDuration, cancellationToken);
            if (held && !_owned[partition])
            {
                Volatile.Write(ref _owned[partition], true);
                var active = await Store.ListActiveInstancesAsync(partition, cancellationToken);
                Logs.PartitionAcquired(Logger, partition, active.Count);
                foreach (var instanceId in active)
                {
                    WorkerFor(instanceId, partition).NotifyInbox();
                }
            }
            else if (!held && _owned[partition])
            {
                Volatile.Write(ref _owned[partition], false);
                Logs.PartitionLost(Logger, partition);
                foreach (var worker in _workers.Values.Where(w => w.Partition == partition))
                {
                    RemoveWorker(worker);
                }
            }
        }
    }

    private async Task PollSignalsAsync(CancellationToken cancellationToken)
    {
        var owned = Enumerable.Range(0, _owned.Length).Where(partition => Volatile.Read(ref _owned[partition])).ToList();
        foreach (var signal in await Store.ReadSignalsAsync(owned, cancellationToken))
        {
            // Cleared before the work is done: a signal raised meanwhile survives the clear.
            await Store.ClearSignalAsync(signal, cancellationToken);
            WorkerFor(signal.InstanceId, signal.Partition).NotifyInbox();
        }
    }

    private InstanceWorker WorkerFor(string instanceId, int partition) =>
        _workers.GetOrAdd(instanceId, id => new InstanceWorker(id, partition, this));

    internal void RemoveWorker(InstanceWorker worker)
    {
        worker.Retire();
        _workers.TryRemove(new KeyValuePair<string, InstanceWorker>(worker.InstanceId, worker));
    }

    internal void OnLoadedChanged(InstanceWorker worker, bool loaded)
    {
        if (loaded)
        {
            Interlocked.Increment(ref _loaded);
            _loadOrder.Enqueue(worker);
            // Workers that ended or unloaded stay queued until passed over; drop them before they pile up.
            if (_loadOrder.Count > 2 * Options.MaxLoadedOrchestrations)
            {
                for (var count = _loadOrder.Count; count > 0 && _loadOrder.TryDequeue(out var queued); count--)
                {
                    if (queued.IsLoaded)
                    {
                        _loadOrder.Enqueue(queued);
                    }
                }
            }
        }
        else
        {
            Interlocked.Decrement(ref _loaded);
        }
    }

    // Keeps loaded executions under the cap by unloading the longest-loaded idle ones.
    internal void OnWorkerIdle(InstanceWorker worker)
    {
        var attempts = _loadOrder.Count;
        while (Volatile.Read(ref _loaded) > Options.MaxLoadedOrchestrations && attempts-- > 0 && _loadOrder.TryDequeue(out var oldest))
        {
            if (oldest.IsLoaded && !oldest.TryUnload())
            {
                _loadOrder.Enqueue(oldest);
            }
        }
    }

    internal async Task OnInstanceEndedAsync(InstanceWorker worker, InstanceState final, OrchestrationExecution execution, ExecutionCompleted outcome, CancellationToken cancellationToken)
    {
        Activities.CancelInstance(worker.InstanceId);
        RemoveWorker(worker);
        if (_endWaiters.TryRemove(worker.InstanceId, out var waiter))
        {
            waiter.TrySetResult(final);
        }

        if (execution.ParentInstanceId is { } parentId && execution.ParentTaskId is { } taskId)
        {
            CompletionEvent result = outcome.Status == OrchestrationRuntimeStatus.Completed
                ? new SubOrchestrationCompleted(taskId, outcome.Result)
                : new SubOrchestrationFailed(taskId, outcome.Failure ?? new TaskFailureDetails("Terminated", $"Orchestration '{worker.InstanceId}' ended as {outcome.Status}."));
            if (await Store.SendMessageAsync(parentId, result with { Timestamp = UtcNow }, cancellationToken))
            {
                await WakeAsync(parentId, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Makes sure a child instance exists. Returns its result when it has already ended (its
    /// message to the parent may have been lost with a crashed process), otherwise null.
    /// </summary>
    internal async Task<CompletionEvent?> StartChildAsync(string parentId, SubOrchestrationCreated child, string? traceParent, CancellationToken cancellationToken)
    {
        var existing = await Store.GetStateAsync(child.InstanceId, includePayloads: true, cancellationToken);
        if (existing is not null && existing.ParentInstanceId == parentId)
        {
            return existing.Status switch
            {
                OrchestrationRuntimeStatus.Completed => new SubOrchestrationCompleted(child.TaskId, existing.Output) { Timestamp = UtcNow },
                { } status when status.IsTerminal() => new SubOrchestrationFailed(child.TaskId,
                    existing.Failure ?? new TaskFailureDetails("Terminated", $"Orchestration '{child.InstanceId}' ended as {status}."))
                { Timestamp = UtcNow },
                _ => null,
            };
        }

        var now = TimeProvider.GetUtcNow();
        var state = new InstanceState
        {
            InstanceId = child.InstanceId,
            Name = child.Name,
            ExecutionId = Guid.NewGuid().ToString("N"),
            Status = OrchestrationRuntimeStatus.Pending,
            Partition = PartitionOf(child.InstanceId),
            CreatedAt = now,
            LastUpdatedAt = now,
            Input = child.Input,
            ParentInstanceId = parentId,
        };
        var created = await Store.CreateInstanceAsync(state, new ExecutionStarted(child.Name, child.Input, parentId, child.TaskId) { Timestamp = now.UtcDateTime, TraceParent = traceParent }, cancellationToken);
        if (created is null)
        {
            return new SubOrchestrationFailed(child.TaskId, new TaskFailureDetails(typeof(InstanceExistsException).FullName!,
                $"An orchestration with id '{child.InstanceId}' already exists and belongs to another parent."))
            { Timestamp = UtcNow };
        }

        await OnCreatedAsync(created, cancellationToken);
        return null;
    }

    /// <summary>Stands in for an orchestrator that is not registered, so the instance fails with a clear message.</summary>
    private sealed class MissingOrchestrator(string name) : IOrchestrator
    {
        public Task<object?> RunAsync(IOrchestrationContext context) =>
            Task.FromException<object?>(new InvalidOperationException($"No orchestrator named '{name}' is registered."));
    }
}
