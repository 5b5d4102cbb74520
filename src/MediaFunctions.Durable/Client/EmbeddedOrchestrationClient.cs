using MediaFunctions.Durable.History;
using MediaFunctions.Durable.Runtime;
using MediaFunctions.Durable.Storage;
using MediaFunctions.Durable.Telemetry;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Durable.Client;

/// <summary>The orchestration client of the embedded engine: writes to the store and wakes whichever process owns the instance.</summary>
public sealed class EmbeddedOrchestrationClient(IOrchestrationStore store, DurableEngine engine, TimeProvider timeProvider) : IOrchestrationClient
{
    private static readonly TimeSpan CompletionPollInterval = TimeSpan.FromMilliseconds(500);

    public async Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!engine.HasOrchestrator(orchestratorName))
        {
            throw new ArgumentException($"No orchestrator named '{orchestratorName}' is registered.", nameof(orchestratorName));
        }

        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        InstanceKey.Validate(instanceId);
        await engine.EnsureStartedAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var serializedInput = OrchestrationJson.Serialize(input);
        var state = new InstanceState
        {
            InstanceId = instanceId,
            Name = orchestratorName,
            ExecutionId = Guid.NewGuid().ToString("N"),
            Status = OrchestrationRuntimeStatus.Pending,
            Partition = engine.PartitionOf(instanceId),
            CreatedAt = now,
            LastUpdatedAt = now,
            Input = serializedInput,
        };
        var created = await store.CreateInstanceAsync(state, new ExecutionStarted(orchestratorName, serializedInput) { Timestamp = now.UtcDateTime, TraceParent = DurableTelemetry.CurrentTraceParent() }, cancellationToken)
            ?? throw new InstanceExistsException(instanceId);
        await engine.OnCreatedAsync(created, cancellationToken);
        return instanceId;
    }

    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        await engine.EnsureStartedAsync(cancellationToken);
        return InstanceKey.IsValid(instanceId) && await store.GetStateAsync(instanceId, getInputsAndOutputs, cancellationToken) is { } state
            ? ToMetadata(state)
            : null;
    }

    public async Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, InstanceQuery.MaxPageSize);
        await engine.EnsureStartedAsync(cancellationToken);
        var (states, token) = await store.QueryAsync(query, cancellationToken);
        return new InstancePage([.. states.Select(ToMetadata)], token);
    }

    public async Task<IReadOnlyList<OrchestrationHistoryEvent>> GetInstanceHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await engine.EnsureStartedAsync(cancellationToken);
        return InstanceKey.IsValid(instanceId)
            ? [.. (await store.GetHistoryAsync(instanceId, cancellationToken)).Select(ToHistoryEvent)]
            : [];
    }

    public Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        return SendAsync(instanceId, new EventRaised(eventName, OrchestrationJson.Serialize(eventPayload)), cancellationToken);
    }

    public Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, new ExecutionTerminated(reason), cancellationToken);

    public Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, new ExecutionSuspended(reason), cancellationToken);

    public Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, new ExecutionResumed(reason), cancellationToken);

    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await engine.EnsureStartedAsync(cancellationToken);
        if (!InstanceKey.IsValid(instanceId) || await store.GetStateAsync(instanceId, includePayloads: false, cancellationToken) is not { } state
            || !state.Status.IsTerminal())
        {
            return false;
        }

        return await store.PurgeAsync(instanceId, cancellationToken);
    }

    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            // Subscribe before reading, so an end between the read and the wait is not missed.
            var endedHere = engine.WhenEndedLocallyAsync(instanceId);
            var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken)
                ?? throw new ArgumentException($"No orchestration with id '{instanceId}' exists.", nameof(instanceId));
            if (metadata.IsCompleted)
            {
                return metadata;
            }

            // An instance that ends in this process hands over its final state; others are polled (on the real clock:
            // how often to look is no point in time).
            if (await Task.WhenAny(endedHere, Task.Delay(CompletionPollInterval, cancellationToken)) == endedHere)
            {
                var final = ToMetadata(await endedHere);
                return getInputsAndOutputs ? final : final with { SerializedInput = null, SerializedOutput = null };
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task SendAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken)
    {
        await engine.EnsureStartedAsync(cancellationToken);
        if (InstanceKey.IsValid(instanceId) && await store.SendMessageAsync(instanceId, message with { Timestamp = timeProvider.GetUtcNow().UtcDateTime }, cancellationToken))
        {
            await engine.WakeAsync(instanceId, cancellationToken);
        }
    }

    private static OrchestrationMetadata ToMetadata(InstanceState state) => new(state.Name, state.InstanceId)
    {
        RuntimeStatus = state.Status,
        CreatedAt = state.CreatedAt,
        LastUpdatedAt = state.LastUpdatedAt,
        SerializedInput = state.Input,
        SerializedOutput = state.Output,
        SerializedCustomStatus = state.CustomStatus,
        FailureDetails = state.Failure,
    };

    private static OrchestrationHistoryEvent ToHistoryEvent(HistoryEvent historyEvent)
    {
        var type = historyEvent switch
        {
            SubOrchestrationCreated => "SubOrchestrationInstanceCreated",
            SubOrchestrationCompleted => "SubOrchestrationInstanceCompleted",
            SubOrchestrationFailed => "SubOrchestrationInstanceFailed",
            _ => historyEvent.GetType().Name,
        };
        var timestamp = new DateTimeOffset(DateTime.SpecifyKind(historyEvent.Timestamp, DateTimeKind.Utc));
        return historyEvent switch
        {
            ExecutionStarted e => new(type, timestamp) { Name = e.Name, Input = e.Input },
            TaskScheduled e => new(type, timestamp) { Name = e.Name, TaskId = e.TaskId, Input = e.Input },
            SubOrchestrationCreated e => new(type, timestamp) { Name = e.Name, TaskId = e.TaskId, Input = e.Input },
            TimerCreated e => new(type, timestamp) { TaskId = e.TaskId, FireAt = e.FireAt },
            TimerFired e => new(type, timestamp) { TaskId = e.TaskId, FireAt = e.FireAt },
            TaskCompleted e => new(type, timestamp) { TaskId = e.TaskId, Result = e.Result },
            SubOrchestrationCompleted e => new(type, timestamp) { TaskId = e.TaskId, Result = e.Result },
            TaskFailed e => new(type, timestamp) { TaskId = e.TaskId, FailureDetails = e.Failure },
            SubOrchestrationFailed e => new(type, timestamp) { TaskId = e.TaskId, FailureDetails = e.Failure },
            EventRaised e => new(type, timestamp) { Name = e.Name, Input = e.Input },
            ExecutionCompleted e => new(type, timestamp) { Name = e.Status.ToString(), Result = e.Result, FailureDetails = e.Failure },
            ExecutionTerminated e => new(type, timestamp) { Input = OrchestrationJson.Serialize(e.Reason) },
            _ => new(type, timestamp),
        };
    }
}
