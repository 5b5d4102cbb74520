namespace MediaFunctions.Orchestration;

/// <summary>
/// What an orchestrator may do. Mirrors the Durable Task programming model: orchestrators are
/// replayed from their history, so they must be deterministic — no clock, GUIDs, I/O, threads, logging or
/// <c>ConfigureAwait(false)</c>; use this context for all of those.
/// </summary>
public interface IOrchestrationContext
{
    /// <summary>The id of this orchestration instance.</summary>
    string InstanceId { get; }

    /// <summary>The registered name of the running orchestrator.</summary>
    string Name { get; }

    /// <summary>The replay-safe current time: the time the current step started, as recorded in history.</summary>
    DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the orchestrator is re-running steps already recorded in its history.</summary>
    bool IsReplaying { get; }

    /// <summary>The orchestration input, deserialized.</summary>
    T? GetInput<T>();

    /// <summary>Schedules an activity and returns its result; throws <see cref="TaskFailedException"/> when it fails.</summary>
    Task<T> CallActivityAsync<T>(string name, object? input = null, RetryPolicy? retry = null);

    /// <summary>Schedules an activity that returns nothing.</summary>
    Task CallActivityAsync(string name, object? input = null, RetryPolicy? retry = null);

    /// <summary>Starts a child orchestration and waits for its output.</summary>
    Task<T> CallSubOrchestratorAsync<T>(string name, object? input = null, string? instanceId = null, RetryPolicy? retry = null);

    /// <summary>Starts a child orchestration and waits for it to finish.</summary>
    Task CallSubOrchestratorAsync(string name, object? input = null, string? instanceId = null, RetryPolicy? retry = null);

    /// <summary>A durable timer that fires at <paramref name="fireAt"/> (UTC); cancelling the token abandons it.</summary>
    Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for an event raised to this instance. Events raised before the wait are buffered in
    /// order. Throws <see cref="TimeoutException"/> when <paramref name="timeout"/> passes first.
    /// </summary>
    Task<T> WaitForExternalEvent<T>(string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <summary>Sets the status shown to clients. Serialized, it may be at most 16 KB.</summary>
    void SetCustomStatus(object? status);

    /// <summary>Restarts the orchestration with a new input and an empty history once this step ends.</summary>
    void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true);

    /// <summary>A GUID that is the same on every replay.</summary>
    Guid NewGuid();
}
