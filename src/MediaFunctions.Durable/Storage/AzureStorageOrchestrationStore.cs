using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MediaFunctions.Durable.History;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Durable.Storage;

/// <summary>
/// The engine's state in Azure Storage (or Azurite). Each instance is one table partition: a
/// "state" row, history rows, and one row per inbox message, so every step commits atomically.
/// The newest history events ride in the state row itself (its "tail") until they outgrow it and
/// move to a history row, so most steps are a single conditional update rather than a batch.
/// Text too large for a table property goes to a blob first, under a name derived from what it
/// belongs to, so a retried write overwrites rather than duplicates. A new instance's start
/// message lives in its state row too (it has all the start needs), so creating an instance
/// is one insert and its first step one update.
/// </summary>
public sealed class AzureStorageOrchestrationStore : IOrchestrationStore
{
    private const string StateRow = "state";
    private const string StartMessageId = "start";
    private const string LeasePartition = "lease";
    // Kept small: the tail is rewritten with every step.
    private const int MaxTailCharacters = 8_000;
    private static readonly OrchestrationRuntimeStatus[] ActiveStatuses =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    private readonly TableClient _instances;
    private readonly TableClient _wake;
    private readonly TableClient _leases;
    private readonly LargeText _text;
    private readonly TimeProvider _timeProvider;
    // The tail of each instance this process last wrote or read, keyed by the state row's ETag it belongs to.
    private readonly ConcurrentDictionary<string, Tail> _tails = new(StringComparer.Ordinal);
    private long _messageCounter;

    private sealed record Tail(string ETag, string Json, int Start);

    /// <param name="timeProvider">The clock leases expire by and inbox messages are ordered by.</param>
    public AzureStorageOrchestrationStore(TableServiceClient tables, BlobServiceClient blobs, string taskHub, TimeProvider timeProvider)
    {
        if (string.IsNullOrEmpty(taskHub) || !char.IsAsciiLetter(taskHub[0]) || !taskHub.All(char.IsAsciiLetterOrDigit) || taskHub.Length > 45)
        {
            throw new ArgumentException("A task hub name is 1–45 letters or digits, starting with a letter.", nameof(taskHub));
        }

        _instances = tables.GetTableClient($"{taskHub}Instances");
        _wake = tables.GetTableClient($"{taskHub}Wake");
        _leases = tables.GetTableClient($"{taskHub}Leases");
        _text = new LargeText(blobs.GetBlobContainerClient($"{taskHub.ToLowerInvariant()}-payloads"));
        _timeProvider = timeProvider;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _instances.CreateIfNotExistsAsync(cancellationToken);
        await _wake.CreateIfNotExistsAsync(cancellationToken);
        await _leases.CreateIfNotExistsAsync(cancellationToken);
        await _text.InitializeAsync(cancellationToken);
    }

    public async Task<InstanceSnapshot?> CreateInstanceAsync(InstanceState state, ExecutionStarted started, CancellationToken cancellationToken = default)
    {
        InstanceKey.Validate(state.InstanceId);
        var stateRow = await ToStateEntityAsync(state, cancellationToken);
        stateRow["StartPending"] = true;
        stateRow["StartedAt"] = started.Timestamp;
        stateRow["ParentTaskId"] = started.ParentTaskId;
        stateRow["TraceParent"] = started.TraceParent;
        try
        {
            // Most ids are new: try that first and read only when the id is taken.
            return Created(await _instances.AddEntityAsync(stateRow, cancellationToken));
        }
        catch (RequestFailedException failure) when (failure.Status is 409)
        {
        }

        var existing = await _instances.GetEntityIfExistsAsync<TableEntity>(state.InstanceId, StateRow, cancellationToken: cancellationToken);
        if (!existing.HasValue || !ParseStatus(existing.Value!).IsTerminal())
        {
            return null;
        }

        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, stateRow, existing.Value!.ETag) };
        // Messages left for the previous execution do not belong to the new one.
        await foreach (var stale in _instances.QueryAsync<TableEntity>(MessageFilter(state.InstanceId), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (actions.Count < 100)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, stale, ETag.All));
            }
        }

        try
        {
            return Created((await _instances.SubmitTransactionAsync(actions, cancellationToken)).Value[0]);
        }
        catch (RequestFailedException failure) when (failure.Status is 409 or 412)
        {
            return null;
        }

        InstanceSnapshot Created(Response response)
        {
            var etag = EtagOf(response);
            _tails[state.InstanceId] = new Tail(etag, "", 0);
            return new InstanceSnapshot(state with { ETag = etag }, [], [new InboxMessage(StartMessageId, started)]);
        }
    }

    public async Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        TableEntity? stateRow = null;
        var chunks = new List<TableEntity>();
        var messages = new List<TableEntity>();
        await foreach (var row in _instances.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId, cancellationToken: cancellationToken))
        {
            switch (row.RowKey[0])
            {
                case 's':
                    stateRow = row;
                    break;
                case 'h':
                    chunks.Add(row);
                    break;
                case 'm':
                    messages.Add(row);
                    break;
            }
        }

        if (stateRow is null)
        {
            return null;
        }

        var state = await ToStateAsync(stateRow, includePayloads: true, cancellationToken);
        var history = await ReadHistoryAsync(chunks, stateRow, cancellationToken);
        var inbox = await ReadMessagesAsync(messages, StartMessageOf(stateRow, state.Input), cancellationToken);
        _tails[state.InstanceId] = TailOf(stateRow);
        return new InstanceSnapshot(state, history, inbox);
    }

    public async Task<IReadOnlyList<InboxMessage>> ReadInboxAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        TableEntity? stateRow = null;
        var rows = new List<TableEntity>();
        await foreach (var row in _instances.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and (RowKey eq {StateRow} or (RowKey ge {"m"} and RowKey lt {"n"}))"), cancellationToken: cancellationToken))
        {
            if (row.RowKey == StateRow)
            {
                stateRow = row;
            }
            else
            {
                rows.Add(row);
            }
        }

        var start = stateRow is null ? null : StartMessageOf(stateRow, await _text.GetAsync(stateRow, "Input", cancellationToken));
        return await ReadMessagesAsync(rows, start, cancellationToken);
    }

    // The start message of an instance that has not taken its first step yet.
    private static InboxMessage? StartMessageOf(TableEntity stateRow, string? input) =>
        stateRow.GetBoolean("StartPending") == true
            ? new InboxMessage(StartMessageId, new ExecutionStarted(stateRow.GetString("Name"), input, stateRow.GetString("ParentInstanceId"), stateRow.GetInt32("ParentTaskId"))
            {
                Timestamp = stateRow.GetDateTimeOffset("StartedAt")?.UtcDateTime ?? default,
                TraceParent = stateRow.GetString("TraceParent"),
            })
            : null;

    public async Task<string> CommitAsync(InstanceCommit commit, CancellationToken cancellationToken = default)
    {
        var state = commit.State;
        var tail = commit.StartsNewExecution ? new Tail(commit.ExpectedETag, "", 0) : await CurrentTailAsync(state.InstanceId, commit.ExpectedETag, cancellationToken);
        var events = AppendJsonArrays(tail.Json, JsonSerializer.Serialize(commit.NewEvents, OrchestrationJson.Options));
        var row = await ToStateEntityAsync(state, cancellationToken);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, row, new ETag(commit.ExpectedETag)) };
        if (events.Length <= MaxTailCharacters)
        {
            row["Tail"] = events;
            row["TailStart"] = tail.Start;
        }
        else
        {
            var chunk = new TableEntity(state.InstanceId, ChunkRowKey(state.ExecutionId, tail.Start));
            await _text.PutAsync(chunk, "Events", events, $"{state.InstanceId}/{state.ExecutionId}/history-{tail.Start:D8}", cancellationToken);
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, chunk));
            row["Tail"] = "";
            row["TailStart"] = state.HistoryCount;
        }

        // The start message lives in the state row, which this commit rewrites.
        if (!commit.StartsNewExecution && state.HistoryCount == commit.NewEvents.Count && !commit.ConsumedMessageIds.Contains(StartMessageId))
        {
            throw new InvalidOperationException($"The first step of instance '{state.InstanceId}' must consume its start message.");
        }

        actions.AddRange(commit.ConsumedMessageIds.Where(id => id != StartMessageId).Select(id =>
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(state.InstanceId, id), ETag.All)));

        string etag;
        try
        {
            etag = actions.Count == 1
                ? EtagOf(await _instances.UpdateEntityAsync(row, new ETag(commit.ExpectedETag), TableUpdateMode.Replace, cancellationToken))
                : EtagOf((await _instances.SubmitTransactionAsync(actions, cancellationToken)).Value[0]);
        }
        catch (RequestFailedException failure) when (failure.Status is 404 or 409 or 412)
        {
            _tails.TryRemove(state.InstanceId, out _);
            throw new StoreConflictException(state.InstanceId);
        }

        if (state.Status.IsTerminal())
        {
            _tails.TryRemove(state.InstanceId, out _);
        }
        else
        {
            _tails[state.InstanceId] = new Tail(etag, row.GetString("Tail"), row.GetInt32("TailStart") ?? 0);
        }

        if (commit.StartsNewExecution)
        {
            await DeleteOtherExecutionsAsync(state.InstanceId, state.ExecutionId, cancellationToken);
        }

        return etag;
    }

    private async Task<Tail> CurrentTailAsync(string instanceId, string expectedETag, CancellationToken cancellationToken)
    {
        if (_tails.TryGetValue(instanceId, out var cached) && cached.ETag == expectedETag)
        {
            return cached;
        }

        var row = await _instances.GetEntityIfExistsAsync<TableEntity>(instanceId, StateRow, select: ["Tail", "TailStart"], cancellationToken: cancellationToken);
        return row.HasValue ? TailOf(row.Value!) with { ETag = expectedETag } : new Tail(expectedETag, "", 0);
    }

    private static Tail TailOf(TableEntity stateRow) =>
        new(stateRow.ETag.ToString(), stateRow.GetString("Tail") ?? "", stateRow.GetInt32("TailStart") ?? 0);

    // Joins two JSON arrays as text, so the tail is extended without parsing it.
    private static string AppendJsonArrays(string first, string second) =>
        first.Length <= 2 ? second : second.Length <= 2 ? first : string.Concat(first.AsSpan(0, first.Length - 1), ",", second.AsSpan(1));

    private static string EtagOf(Response response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table service returned no ETag for the state row.");

    public async Task<bool> SendMessageAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken = default)
    {
        var exists = await _instances.GetEntityIfExistsAsync<TableEntity>(instanceId, StateRow, select: ["RowKey"], cancellationToken: cancellationToken);
        if (!exists.HasValue)
        {
            return false;
        }

        await _instances.AddEntityAsync(await ToMessageEntityAsync(instanceId, message, cancellationToken), cancellationToken);
        return true;
    }

    public async Task<InstanceState?> GetStateAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default)
    {
        if (!InstanceKey.IsValid(instanceId))
        {
            return null;
        }

        var row = await _instances.GetEntityIfExistsAsync<TableEntity>(instanceId, StateRow, cancellationToken: cancellationToken);
        return row.HasValue ? await ToStateAsync(row.Value!, includePayloads, cancellationToken) : null;
    }

    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        if (!InstanceKey.IsValid(instanceId))
        {
            return [];
        }

        var stateRow = await _instances.GetEntityIfExistsAsync<TableEntity>(instanceId, StateRow, select: ["ExecutionId", "Tail", "TailStart"], cancellationToken: cancellationToken);
        if (!stateRow.HasValue)
        {
            return [];
        }

        var chunks = new List<TableEntity>();
        var prefix = $"h{stateRow.Value!.GetString("ExecutionId")}-";
        await foreach (var row in _instances.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and RowKey ge {prefix} and RowKey lt {prefix + "~"}"), cancellationToken: cancellationToken))
        {
            chunks.Add(row);
        }

        return await ReadHistoryAsync(chunks, stateRow.Value, cancellationToken);
    }

    public async Task<(IReadOnlyList<InstanceState> States, string? ContinuationToken)> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {StateRow}");
        if (query.Statuses is { Count: > 0 } statuses)
        {
            filter += " and (" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")";
        }

        if (query.CreatedFrom is { } from)
        {
            filter += " and " + TableClient.CreateQueryFilter($"CreatedAt ge {from}");
        }

        if (query.CreatedTo is { } to)
        {
            filter += " and " + TableClient.CreateQueryFilter($"CreatedAt le {to}");
        }

        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            var prefix = query.InstanceIdPrefix;
            var upper = prefix[..^1] + (char)(prefix[^1] + 1);
            filter += " and " + TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper}");
        }

        var states = new List<InstanceState>();
        var token = query.ContinuationToken;
        do
        {
            // A filtered scan may return short pages; ask only for what is still missing so no row is skipped.
            var pages = _instances.QueryAsync<TableEntity>(filter, maxPerPage: query.PageSize - states.Count, cancellationToken: cancellationToken)
                .AsPages(token, query.PageSize - states.Count);
            await using var enumerator = pages.GetAsyncEnumerator(cancellationToken);
            if (!await enumerator.MoveNextAsync())
            {
                token = null;
                break;
            }

            foreach (var row in enumerator.Current.Values)
            {
                states.Add(await ToStateAsync(row, query.FetchInputsAndOutputs, cancellationToken));
            }

            token = enumerator.Current.ContinuationToken;
        }
        while (token is not null && states.Count < query.PageSize);

        return (states, token);
    }

    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _instances.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        if (!rows.Any(r => r.RowKey == StateRow))
        {
            return false;
        }

        // The state row goes last, so an interrupted purge can be repeated.
        foreach (var batch in rows.OrderBy(r => r.RowKey == StateRow).Chunk(100))
        {
            await _instances.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
        }

        await _text.DeleteUnderAsync($"{instanceId}/", cancellationToken);
        _tails.TryRemove(instanceId, out _);
        return true;
    }

    public async Task<IReadOnlyList<string>> ListActiveInstancesAsync(int partition, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {StateRow} and Partition eq {partition}")
            + " and (" + string.Join(" or ", ActiveStatuses.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")";
        var ids = new List<string>();
        await foreach (var row in _instances.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            ids.Add(row.PartitionKey);
        }

        return ids;
    }

    public async Task SignalAsync(int partition, string instanceId, CancellationToken cancellationToken = default) =>
        await _wake.UpsertEntityAsync(new TableEntity(PartitionKeyOf(partition), instanceId), TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<WakeSignal>> ReadSignalsAsync(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken = default)
    {
        var signals = new List<WakeSignal>();
        if (partitions.Count == 0)
        {
            return signals;
        }

        // One query for every partition: this runs several times a second, whether or not anything was signalled.
        var byKey = partitions.ToDictionary(PartitionKeyOf, partition => partition, StringComparer.Ordinal);
        var filter = string.Join(" or ", byKey.Keys.Select(key => TableClient.CreateQueryFilter($"PartitionKey eq {key}")));
        await foreach (var row in _wake.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            signals.Add(new WakeSignal(byKey[row.PartitionKey], row.RowKey, row.ETag.ToString()));
        }

        return signals;
    }

    public async Task ClearSignalAsync(WakeSignal signal, CancellationToken cancellationToken = default)
    {
        try
        {
            await _wake.DeleteEntityAsync(PartitionKeyOf(signal.Partition), signal.InstanceId, new ETag(signal.ETag), cancellationToken);
        }
        catch (RequestFailedException failure) when (failure.Status is 404 or 412)
        {
            // Raised again since it was read (412) or already cleared (404): either way nothing is lost.
        }
    }

    public async Task<bool> TryAcquireLeaseAsync(int partition, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var key = PartitionKeyOf(partition);
        var now = _timeProvider.GetUtcNow();
        var lease = new TableEntity(LeasePartition, key) { ["Owner"] = owner, ["ExpiresAt"] = now + duration };
        try
        {
            var existing = await _leases.GetEntityIfExistsAsync<TableEntity>(LeasePartition, key, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                await _leases.AddEntityAsync(lease, cancellationToken);
                return true;
            }

            var current = existing.Value!;
            if (current.GetString("Owner") != owner && current.GetDateTimeOffset("ExpiresAt") > now)
            {
                return false;
            }

            await _leases.UpdateEntityAsync(lease, current.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException failure) when (failure.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task ReleaseLeaseAsync(int partition, string owner, CancellationToken cancellationToken = default)
    {
        var key = PartitionKeyOf(partition);
        var existing = await _leases.GetEntityIfExistsAsync<TableEntity>(LeasePartition, key, cancellationToken: cancellationToken);
        if (existing.HasValue && existing.Value!.GetString("Owner") == owner)
        {
            try
            {
                await _leases.UpdateEntityAsync(new TableEntity(LeasePartition, key) { ["Owner"] = owner, ["ExpiresAt"] = DateTimeOffset.UnixEpoch },
                    existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException failure) when (failure.Status is 412)
            {
                // Someone else took it meanwhile.
            }
        }
    }

    private static string PartitionKeyOf(int partition) => $"p{partition:D3}";

    private static string ChunkRowKey(string executionId, int firstSequence) => $"h{executionId}-{firstSequence:D8}";

    private static string MessageFilter(string instanceId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and RowKey ge {"m"} and RowKey lt {"n"}");

    private static OrchestrationRuntimeStatus ParseStatus(TableEntity row) =>
        Enum.Parse<OrchestrationRuntimeStatus>(row.GetString("Status"));

    private async Task<TableEntity> ToStateEntityAsync(InstanceState state, CancellationToken cancellationToken)
    {
        var row = new TableEntity(state.InstanceId, StateRow)
        {
            ["Name"] = state.Name,
            ["ExecutionId"] = state.ExecutionId,
            ["Status"] = state.Status.ToString(),
            ["Partition"] = state.Partition,
            ["CreatedAt"] = state.CreatedAt,
            ["LastUpdatedAt"] = state.LastUpdatedAt,
            ["ParentInstanceId"] = state.ParentInstanceId,
            ["HistoryCount"] = state.HistoryCount,
            ["CustomStatus"] = state.CustomStatus,
        };
        var blobPrefix = $"{state.InstanceId}/{state.ExecutionId}";
        await _text.PutAsync(row, "Input", state.Input, $"{blobPrefix}/input", cancellationToken);
        await _text.PutAsync(row, "Output", state.Output, $"{blobPrefix}/output", cancellationToken);
        await _text.PutAsync(row, "Failure", state.Failure is null ? null : JsonSerializer.Serialize(state.Failure, OrchestrationJson.Options), $"{blobPrefix}/failure", cancellationToken);
        return row;
    }

    private async Task<InstanceState> ToStateAsync(TableEntity row, bool includePayloads, CancellationToken cancellationToken)
    {
        var failure = await _text.GetAsync(row, "Failure", cancellationToken);
        return new InstanceState
        {
            InstanceId = row.PartitionKey,
            Name = row.GetString("Name"),
            ExecutionId = row.GetString("ExecutionId"),
            Status = ParseStatus(row),
            Partition = row.GetInt32("Partition") ?? 0,
            CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
            LastUpdatedAt = row.GetDateTimeOffset("LastUpdatedAt") ?? default,
            ParentInstanceId = row.GetString("ParentInstanceId"),
            HistoryCount = row.GetInt32("HistoryCount") ?? 0,
            CustomStatus = row.GetString("CustomStatus"),
            Failure = failure is null ? null : JsonSerializer.Deserialize<TaskFailureDetails>(failure, OrchestrationJson.Options),
            Input = includePayloads ? await _text.GetAsync(row, "Input", cancellationToken) : null,
            Output = includePayloads ? await _text.GetAsync(row, "Output", cancellationToken) : null,
            ETag = row.ETag.ToString(),
        };
    }

    private async Task<TableEntity> ToMessageEntityAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken)
    {
        var rowKey = string.Create(CultureInfo.InvariantCulture,
            $"m{_timeProvider.GetUtcNow().UtcTicks:D19}{Interlocked.Increment(ref _messageCounter) % 1_000_000:D6}{Guid.NewGuid().ToString("N")[..8]}");
        var row = new TableEntity(instanceId, rowKey);
        await _text.PutAsync(row, "Event", JsonSerializer.Serialize(message, OrchestrationJson.Options), $"{instanceId}/inbox/{rowKey}", cancellationToken);
        return row;
    }

    private async Task<List<HistoryEvent>> ReadHistoryAsync(List<TableEntity> chunks, TableEntity stateRow, CancellationToken cancellationToken)
    {
        var history = new List<HistoryEvent>();
        var prefix = $"h{stateRow.GetString("ExecutionId")}-";
        foreach (var chunk in chunks.Where(c => c.RowKey.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(c => c.RowKey, StringComparer.Ordinal))
        {
            var json = await _text.GetAsync(chunk, "Events", cancellationToken);
            history.AddRange(JsonSerializer.Deserialize<List<HistoryEvent>>(json!, OrchestrationJson.Options)!);
        }

        if (stateRow.GetString("Tail") is { Length: > 2 } tail)
        {
            history.AddRange(JsonSerializer.Deserialize<List<HistoryEvent>>(tail, OrchestrationJson.Options)!);
        }

        return history;
    }

    private async Task<IReadOnlyList<InboxMessage>> ReadMessagesAsync(List<TableEntity> rows, InboxMessage? start, CancellationToken cancellationToken)
    {
        var messages = new List<InboxMessage>();
        if (start is not null)
        {
            messages.Add(start);
        }

        foreach (var row in rows.OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            var json = await _text.GetAsync(row, "Event", cancellationToken);
            messages.Add(new InboxMessage(row.RowKey, JsonSerializer.Deserialize<HistoryEvent>(json!, OrchestrationJson.Options)!));
        }

        return messages;
    }

    private async Task DeleteOtherExecutionsAsync(string instanceId, string executionId, CancellationToken cancellationToken)
    {
        var current = $"h{executionId}-";
        var stale = new List<TableEntity>();
        await foreach (var row in _instances.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and RowKey ge {"h"} and RowKey lt {"i"}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (!row.RowKey.StartsWith(current, StringComparison.Ordinal))
            {
                stale.Add(row);
            }
        }

        foreach (var batch in stale.Chunk(100))
        {
            await _instances.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
        }
    }
}
