using MediaFunctions.Durable.History;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Durable.Storage;

/// <summary>A store that lives in this process only: for unit tests. Same semantics as the Azure Storage store.</summary>
/// <param name="timeProvider">The clock leases expire by.</param>
public sealed class InMemoryOrchestrationStore(TimeProvider timeProvider) : IOrchestrationStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<(int, string), long> _signals = [];
    private readonly Dictionary<int, (string Owner, DateTimeOffset Expires)> _leases = [];
    private long _version;

    private sealed class Entry
    {
        public required InstanceState State;
        public List<HistoryEvent> History = [];
        public SortedDictionary<string, HistoryEvent> Inbox = new(StringComparer.Ordinal);
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<InstanceSnapshot?> CreateInstanceAsync(InstanceState state, ExecutionStarted started, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_instances.TryGetValue(state.InstanceId, out var existing) && !existing.State.Status.IsTerminal())
            {
                return Task.FromResult<InstanceSnapshot?>(null);
            }

            var entry = new Entry { State = state with { ETag = NextETag() } };
            var messageId = NextMessageId();
            entry.Inbox[messageId] = started;
            _instances[state.InstanceId] = entry;
            return Task.FromResult<InstanceSnapshot?>(new InstanceSnapshot(entry.State, [], [new InboxMessage(messageId, started)]));
        }
    }

    public Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_instances.TryGetValue(instanceId, out var entry)
                ? new InstanceSnapshot(entry.State, [.. entry.History], [.. entry.Inbox.Select(m => new InboxMessage(m.Key, m.Value))])
                : null);
        }
    }

    public Task<IReadOnlyList<InboxMessage>> ReadInboxAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<InboxMessage> inbox = _instances.TryGetValue(instanceId, out var entry)
                ? [.. entry.Inbox.Select(m => new InboxMessage(m.Key, m.Value))]
                : [];
            return Task.FromResult(inbox);
        }
    }

    public Task<string> CommitAsync(InstanceCommit commit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var id = commit.State.InstanceId;
            if (!_instances.TryGetValue(id, out var entry) || entry.State.ETag != commit.ExpectedETag)
            {
                throw new StoreConflictException(id);
            }

            var etag = NextETag();
            entry.State = commit.State with { ETag = etag };
            if (commit.StartsNewExecution)
            {
                entry.History = [];
            }

            entry.History.AddRange(commit.NewEvents);
            foreach (var messageId in commit.ConsumedMessageIds)
            {
                entry.Inbox.Remove(messageId);
            }

            return Task.FromResult(etag);
        }
    }

    public Task<bool> SendMessageAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_instances.TryGetValue(instanceId, out var entry))
            {
                return Task.FromResult(false);
            }

            entry.Inbox[NextMessageId()] = message;
            return Task.FromResult(true);
        }
    }

    public Task<InstanceState?> GetStateAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_instances.TryGetValue(instanceId, out var entry) ? WithPayloads(entry.State, includePayloads) : null);
        }
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<HistoryEvent> history = _instances.TryGetValue(instanceId, out var entry) ? [.. entry.History] : [];
            return Task.FromResult(history);
        }
    }

    public Task<(IReadOnlyList<InstanceState> States, string? ContinuationToken)> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var after = query.ContinuationToken;
            var matching = _instances.Values.Select(e => e.State)
                .Where(s => query.Statuses is not { Count: > 0 } || query.Statuses.Contains(s.Status))
                .Where(s => query.CreatedFrom is null || s.CreatedAt >= query.CreatedFrom)
                .Where(s => query.CreatedTo is null || s.CreatedAt <= query.CreatedTo)
                .Where(s => query.InstanceIdPrefix is null || s.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal))
                .Where(s => after is null || string.CompareOrdinal(s.InstanceId, after) > 0)
                .OrderBy(s => s.InstanceId, StringComparer.Ordinal)
                .Take(query.PageSize + 1)
                .ToList();
            var hasMore = matching.Count > query.PageSize;
            var page = matching.Take(query.PageSize).Select(s => WithPayloads(s, query.FetchInputsAndOutputs)).ToList();
            return Task.FromResult<(IReadOnlyList<InstanceState>, string?)>((page, hasMore ? page[^1].InstanceId : null));
        }
    }

    public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_instances.Remove(instanceId));
        }
    }

    public Task<IReadOnlyList<string>> ListActiveInstancesAsync(int partition, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<string> active = [.. _instances.Values.Select(e => e.State)
                .Where(s => s.Partition == partition && !s.Status.IsTerminal())
                .Select(s => s.InstanceId)];
            return Task.FromResult(active);
        }
    }

    public Task SignalAsync(int partition, string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _signals[(partition, instanceId)] = ++_version;
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<WakeSignal>> ReadSignalsAsync(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<WakeSignal> signals = [.. _signals.Where(s => partitions.Contains(s.Key.Item1))
                .Select(s => new WakeSignal(s.Key.Item1, s.Key.Item2, s.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
            return Task.FromResult(signals);
        }
    }

    public Task ClearSignalAsync(WakeSignal signal, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var key = (signal.Partition, signal.InstanceId);
            if (_signals.TryGetValue(key, out var version) && version.ToString(System.Globalization.CultureInfo.InvariantCulture) == signal.ETag)
            {
                _signals.Remove(key);
            }

            return Task.CompletedTask;
        }
    }

    public Task<bool> TryAcquireLeaseAsync(int partition, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            if (_leases.TryGetValue(partition, out var lease) && lease.Owner != owner && lease.Expires > now)
            {
                return Task.FromResult(false);
            }

            _leases[partition] = (owner, now + duration);
            return Task.FromResult(true);
        }
    }

    public Task ReleaseLeaseAsync(int partition, string owner, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_leases.TryGetValue(partition, out var lease) && lease.Owner == owner)
            {
                _leases.Remove(partition);
            }

            return Task.CompletedTask;
        }
    }

    private static InstanceState WithPayloads(InstanceState state, bool include) =>
        include ? state : state with { Input = null, Output = null };

    private string NextETag() => (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string NextMessageId() => $"m{++_version:D19}";
}
