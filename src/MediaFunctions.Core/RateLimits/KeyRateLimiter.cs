using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.RateLimits;

/// <summary>
/// Counts each key's requests per UTC minute, hour and day in table <see cref="TableName"/>, one row
/// per key holding all three windows, so every process on the same storage shares one count.
/// A request is counted by a write conditional on the row's ETag: when another process counted in
/// between, the write fails, the row is read again and the request is decided anew. A process keeps
/// the last row it saw, so the usual cost of a request is that one write; a refused request
/// writes nothing, so it does not count.
/// </summary>
public sealed class KeyRateLimiter(TableServiceClient tables, IOptions<RateLimitOptions> options, TimeProvider timeProvider)
{
    public const string TableName = "RateLimits";

    /// <summary>How many times a request is tried against changed counters before <see cref="RateLimitContentionException"/>.</summary>
    public const int MaxAttempts = 10;

    private const string RowKey = "windows";
    private readonly TableClient table = tables.GetTableClient(TableName);
    private readonly ConcurrentDictionary<string, KeyState> keys = new(StringComparer.Ordinal);
    private volatile bool tableExists;

    /// <summary>Counts a request of <paramref name="keyId"/> unless one of its windows is full, and says which.</summary>
    public async Task<RateLimitDecision> AcquireAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var limits = options.Value.For(keyId);
        var state = keys.GetOrAdd(keyId, _ => new KeyState());
        // NOTE: one request per key at a time in this process: concurrent writes with the same ETag
        // would all but one fail and retry, costing more round trips than waiting does.
        await state.Lock.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var stored = state.Stored ?? await ReadAsync(keyId, cancellationToken);
                var current = stored.Counters.At(timeProvider.GetUtcNow());
                // Counts only grow within a window, so a full window in a stale copy is full in storage too.
                if (current.Refusal(limits) is { } refusal)
                {
                    state.Stored = stored;
                    return refusal;
                }

                var next = current.Increment();
                if (await TryWriteAsync(keyId, next, stored.ETag, cancellationToken) is { } etag)
                {
                    state.Stored = new StoredCounters(next, etag);
                    return next.Allowance(limits);
                }

                state.Stored = null;
            }

            throw new RateLimitContentionException(keyId, MaxAttempts);
        }
        finally
        {
            state.Lock.Release();
        }
    }

    private async Task<StoredCounters> ReadAsync(string keyId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(keyId, RowKey, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } entity)
        {
            return new StoredCounters(RateLimitCounters.Empty, null);
        }

        return new StoredCounters(new RateLimitCounters(
            entity.GetDateTimeOffset(nameof(RateLimitCounters.MinuteStart)) ?? default, entity.GetInt32(nameof(RateLimitCounters.MinuteCount)) ?? 0,
            entity.GetDateTimeOffset(nameof(RateLimitCounters.HourStart)) ?? default, entity.GetInt32(nameof(RateLimitCounters.HourCount)) ?? 0,
            entity.GetDateTimeOffset(nameof(RateLimitCounters.DayStart)) ?? default, entity.GetInt32(nameof(RateLimitCounters.DayCount)) ?? 0),
            entity.ETag);
    }

    /// <summary>The new ETag, or null when another process wrote the row since <paramref name="etag"/> was read.</summary>
    private async Task<ETag?> TryWriteAsync(string keyId, RateLimitCounters counters, ETag? etag, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var entity = new TableEntity(keyId, RowKey)
        {
            [nameof(RateLimitCounters.MinuteStart)] = counters.MinuteStart,
            [nameof(RateLimitCounters.MinuteCount)] = counters.MinuteCount,
            [nameof(RateLimitCounters.HourStart)] = counters.HourStart,
            [nameof(RateLimitCounters.HourCount)] = counters.HourCount,
            [nameof(RateLimitCounters.DayStart)] = counters.DayStart,
            [nameof(RateLimitCounters.DayCount)] = counters.DayCount,
        };
        try
        {
            var response = etag is { } match
                ? await table.UpdateEntityAsync(entity, match, TableUpdateMode.Replace, cancellationToken)
                : await table.AddEntityAsync(entity, cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412 or 404)
        {
            return null;
        }
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!tableExists)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            tableExists = true;
        }
    }

    private sealed record StoredCounters(RateLimitCounters Counters, ETag? ETag);

    private sealed class KeyState
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public StoredCounters? Stored { get; set; }
    }
}
