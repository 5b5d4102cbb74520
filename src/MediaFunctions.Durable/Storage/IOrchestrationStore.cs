using MediaFunctions.Durable.History;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Durable.Storage;

/// <summary>
/// Durable state of the engine. Every method is atomic on its own; the engine relies on
/// <see cref="CommitAsync"/> being all-or-nothing and on ETag checks to fence out a second writer.
/// </summary>
public interface IOrchestrationStore
{
    /// <summary>Creates the tables, containers or whatever the store needs. Idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the instance in state Pending with <paramref name="started"/> in its inbox, atomically.
    /// An instance with that id in a terminal state is replaced (new execution); one that is not
    /// terminal is left alone and null is returned. Returns what was stored, ETag included.
    /// </summary>
    Task<InstanceSnapshot?> CreateInstanceAsync(InstanceState state, ExecutionStarted started, CancellationToken cancellationToken = default);

    /// <summary>State, current-execution history and inbox of the instance; null when it does not exist.</summary>
    Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>The inbox of the instance, in arrival order; empty when it does not exist.</summary>
    Task<IReadOnlyList<InboxMessage>> ReadInboxAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes one step atomically and returns the new ETag; throws <see cref="StoreConflictException"/>
    /// when the ETag no longer matches. The first step of an execution consumes its start message.
    /// </summary>
    Task<string> CommitAsync(InstanceCommit commit, CancellationToken cancellationToken = default);

    /// <summary>Appends a message to the inbox of an existing instance; false when the instance does not exist.</summary>
    Task<bool> SendMessageAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken = default);

    /// <summary>The instance's state; payloads (input, output, custom status) are filled only when asked.</summary>
    Task<InstanceState?> GetStateAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default);

    /// <summary>The current execution's history, oldest first; empty when the instance does not exist.</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>One page of instance states matching the query (custom status always included).</summary>
    Task<(IReadOnlyList<InstanceState> States, string? ContinuationToken)> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes the instance, all its history, inbox and payloads; false when it did not exist.</summary>
    Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Ids of the instances in a partition that are Pending, Running or Suspended.</summary>
    Task<IReadOnlyList<string>> ListActiveInstancesAsync(int partition, CancellationToken cancellationToken = default);

    /// <summary>Marks an instance of a partition as having new inbox messages, for the process that owns the partition.</summary>
    Task SignalAsync(int partition, string instanceId, CancellationToken cancellationToken = default);

    /// <summary>The signals waiting in the given partitions, each with a token to clear it by: one read for all of them.</summary>
    Task<IReadOnlyList<WakeSignal>> ReadSignalsAsync(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken = default);

    /// <summary>Clears a signal unless it was raised again after it was read.</summary>
    Task ClearSignalAsync(WakeSignal signal, CancellationToken cancellationToken = default);

    /// <summary>Takes or renews the lease on a partition; true when <paramref name="owner"/> holds it until now + duration.</summary>
    Task<bool> TryAcquireLeaseAsync(int partition, string owner, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Gives up a lease held by <paramref name="owner"/>, so another process can take it at once.</summary>
    Task ReleaseLeaseAsync(int partition, string owner, CancellationToken cancellationToken = default);
}

/// <summary>A pending wake-up for one instance of a partition.</summary>
public sealed record WakeSignal(int Partition, string InstanceId, string ETag);

/// <summary>A commit lost a race: another writer changed the instance first.</summary>
public sealed class StoreConflictException(string instanceId)
    : Exception($"Instance '{instanceId}' was changed by another writer.")
{
    public string InstanceId { get; } = instanceId;
}
