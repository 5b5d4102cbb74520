using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MediaFunctions.Durable.History;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Durable.Storage;

/// <summary>
/// The engine's state in Azure Storage (or Azurite). Each instance is one table partition —
/// a "state" row, one row per committed step of history, one row per inbox message — so every
/// step commits as a single entity-group transaction. Text too large for a table property
/// goes to a blob first, under a name derived from what it belongs to, so a retried write
/// overwrites rather than duplicates.
/// </summary>
public sealed class AzureStorageOrchestrationStore : IOrchestrationStore
{
    private const string StateRow = "state";
    private const string LeasePartition = "lease";
    private static readonly OrchestrationRuntimeStatus[] ActiveStatuses =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    private readonly TableClient _instances;
    private readonly TableClient _wake;
    private readonly TableClient _leases;
    private readonly LargeText _text;
    private long _messageCounter;

    public AzureStorageOrchestrationStore(TableServiceClient tables, BlobServiceClient blobs, string taskHub)
    {
        if (string.IsNullOrEmpty(taskHub) || !char.IsAsciiLetter(taskHub[0]) || !taskHub.All(char.IsAsciiLetterOrDigit) || taskHub.Length > 45)
        {
            throw new ArgumentException("A task hub name is 1–45 letters or digits, starting with a letter.", nameof(taskHub));
        }

        _instances = tables.GetTableClient($"{taskHub}Instances");
        _wake = tables.GetTableClient($"{taskHub}Wake");
        _leases = tables.GetTableClient($"{taskHub}Leases");
        _text = new LargeText(blobs.GetBlobContainerClient($"{taskHub.ToLowerInvariant()}-payloads"));
    }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _instances.CreateIfNotExistsAsync(cancellationToken);
        await _wake.CreateIfNotExistsAsync(cancellationToken);
        await _leases.CreateIfNotExistsAsync(cancellationToken);
        await _text.InitializeAsync(cancellationToken);
    }

    public async Task<bool> CreateInstanceAsync(InstanceState state, ExecutionStarted started, CancellationToken cancellationToken = default)
    {
        InstanceKey.Validate(state.InstanceId);
        var existing = await _instances.GetEntityIfExistsAsync<TableEntity>(state.InstanceId, StateRow, cancellationToken: cancellationToken);
        if (existing.HasValue && !ParseStatus(existing.Value!).IsTerminal())
        {
            return false;
        }

        var actions = new List<TableTransactionAction>
        {
            new(existing.HasValue ? TableTransactionActionType.UpdateReplace : TableTransactionActionType.Add,
                await ToStateEntityAsync(state, cancellationToken), existing.HasValue ? existing.Value!.ETag : default),
            new(TableTransactionActionType.Add, await ToMessageEntityAsync(state.InstanceId, started, cancellationToken)),
        };
        if (existing.HasValue)
        {
            // Messages left for the previous execution do not belong to the new one.
            await foreach (var stale in _instances.QueryAsync<TableEntity>(MessageFilter(state.InstanceId), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                if (actions.Count < 99)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, stale));
                }
            }
        }

        try
        {
            await _instances.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (RequestFailedException failure) when (failure.Status is 409 or 412)
        {
            return false;
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
        var history = await ReadHistoryAsync(chunks, state.ExecutionId, cancellationToken);
        var inbox = await ReadMessagesAsync(messages, cancellationToken);
        return new InstanceSnapshot(state, history, inbox);
    }

    public async Task<IReadOnlyList<InboxMessage>> ReadInboxAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _instances.QueryAsync<TableEntity>(MessageFilter(instanceId), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return await ReadMessagesAsync(rows, cancellationToken);
    }

    public async Task<string> CommitAsync(InstanceCommit commit, CancellationToken cancellationToken = default)
    {
        var state = commit.State;
        var firstSequence = commit.StartsNewExecution ? 0 : state.HistoryCount - commit.NewEvents.Count;
        var chunk = new TableEntity(state.InstanceId, ChunkRowKey(state.ExecutionId, firstSequence));
        await _text.PutAsync(chunk, "Events", JsonSerializer.Serialize(commit.NewEvents, OrchestrationJson.Options),
            $"{state.InstanceId}/{state.ExecutionId}/history-{firstSequence:D8}", cancellationToken);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, await ToStateEntityAsync(state, cancellationToken), new ETag(commit.ExpectedETag)),
            new(TableTransactionActionType.UpsertReplace, chunk),
        };
        actions.AddRange(commit.ConsumedMessageIds.Select(id =>
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(state.InstanceId, id), ETag.All)));

        Response<IReadOnlyList<Response>> response;
        try
        {
            response = await _instances.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (RequestFailedException failure) when (failure.Status is 404 or 409 or 412)
        {
            throw new StoreConflictException(state.InstanceId);
        }

        if (commit.StartsNewExecution)
        {
            await DeleteOtherExecutionsAsync(state.InstanceId, state.ExecutionId, cancellationToken);
        }

        return response.Value[0].Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table service returned no ETag for the state row.");
    }

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
        if (await GetStateAsync(instanceId, includePayloads: false, cancellationToken) is not { } state)
        {
            return [];
        }

        var chunks = new List<TableEntity>();
        var prefix = $"h{state.ExecutionId}-";
        await foreach (var row in _instances.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and RowKey ge {prefix} and RowKey lt {prefix + "~"}"), cancellationToken: cancellationToken))
        {
            chunks.Add(row);
        }

        return await ReadHistoryAsync(chunks, state.ExecutionId, cancellationToken);
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

    public async Task<IReadOnlyList<WakeSignal>> ReadSignalsAsync(int partition, CancellationToken cancellationToken = default)
    {
        var signals = new List<WakeSignal>();
        await foreach (var row in _wake.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKeyOf(partition)}"), cancellationToken: cancellationToken))
        {
            signals.Add(new WakeSignal(partition, row.RowKey, row.ETag.ToString()));
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
        var now = DateTimeOffset.UtcNow;
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
            $"m{DateTime.UtcNow.Ticks:D19}{Interlocked.Increment(ref _messageCounter) % 1_000_000:D6}{Guid.NewGuid().ToString("N")[..8]}");
        var row = new TableEntity(instanceId, rowKey);
        await _text.PutAsync(row, "Event", JsonSerializer.Serialize(message, OrchestrationJson.Options), $"{instanceId}/inbox/{rowKey}", cancellationToken);
        return row;
    }

    private async Task<List<HistoryEvent>> ReadHistoryAsync(List<TableEntity> chunks, string executionId, CancellationToken cancellationToken)
    {
        var history = new List<HistoryEvent>();
        var prefix = $"h{executionId}-";
        foreach (var chunk in chunks.Where(c => c.RowKey.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(c => c.RowKey, StringComparer.Ordinal))
        {
            var json = await _text.GetAsync(chunk, "Events", cancellationToken);
            history.AddRange(JsonSerializer.Deserialize<List<HistoryEvent>>(json!, OrchestrationJson.Options)!);
        }

        return history;
    }

    private async Task<IReadOnlyList<InboxMessage>> ReadMessagesAsync(List<TableEntity> rows, CancellationToken cancellationToken)
    {
        var messages = new List<InboxMessage>();
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
