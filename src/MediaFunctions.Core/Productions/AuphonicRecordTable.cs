using Azure;
using Azure.Data.Tables;

namespace MediaFunctions.Core.Productions;

/// <summary>
/// One table of the Auphonic dialect's resources, as the stores of presets, productions and services keep them: one row
/// per record, partition the owning key's id and row key the record's <see cref="AuphonicUuid"/>, so one key's records
/// are never read for another. The store owns the columns (<c>toEntity</c>, <c>fromEntity</c>), its checks and its order.
/// </summary>
/// <typeparam name="T">The record a row holds.</typeparam>
internal sealed class AuphonicRecordTable<T>(TableServiceClient tables, string tableName, Func<T, TableEntity> toEntity,
    Func<TableEntity, T> fromEntity)
    where T : class
{
    private readonly TableClient _table = tables.GetTableClient(tableName);
    private volatile bool _tableExists;

    /// <summary>
    /// Stores the record <paramref name="create"/> makes for an id: <paramref name="uuid"/> when given (a row already
    /// under it fails the call), otherwise a new id, and another new one while the one drawn is taken.
    /// </summary>
    public async Task<T> AddAsync(Func<string, T> create, string? uuid, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        while (true)
        {
            var record = create(uuid ?? AuphonicUuid.New());
            try
            {
                await _table.AddEntityAsync(toEntity(record), cancellationToken);
                return record;
            }
            catch (RequestFailedException taken) when (taken.Status == 409 && uuid is null)
            {
                // NOTE: 131 random bits make this all but impossible; a new id is cheaper than reasoning about it.
            }
        }
    }

    /// <summary>The record, or null when <paramref name="keyId"/> has none by that id.</summary>
    public async Task<T?> GetAsync(string keyId, string uuid, CancellationToken cancellationToken) =>
        (await ReadAsync(keyId, uuid, cancellationToken))?.Record;

    /// <summary>Every record of <paramref name="keyId"/>, in the table's order.</summary>
    public async Task<List<T>> ListAsync(string keyId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var records = new List<T>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == keyId, cancellationToken: cancellationToken))
        {
            records.Add(fromEntity(entity));
        }

        return records;
    }

    /// <summary>
    /// Writes what <paramref name="change"/> (which may throw to refuse) makes of the stored record under the row's
    /// ETag, reading again and re-applying when another writer got there first.
    /// </summary>
    /// <returns>The record as written, or null when <paramref name="keyId"/> has none by that id.</returns>
    public async Task<T?> UpdateAsync(string keyId, string uuid, Func<T, T> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await ReadAsync(keyId, uuid, cancellationToken) is not var (record, etag))
            {
                return null;
            }

            var changed = change(record);
            try
            {
                await _table.UpdateEntityAsync(toEntity(changed), etag, TableUpdateMode.Replace, cancellationToken);
                return changed;
            }
            catch (RequestFailedException raced) when (raced.Status is 412 or 404)
            {
                // Changed or deleted since it was read: read it again and decide again.
            }
        }
    }

    /// <summary>Deletes the record; false when <paramref name="keyId"/> has none by that id.</summary>
    public async Task<bool> DeleteAsync(string keyId, string uuid, CancellationToken cancellationToken)
    {
        if (!AuphonicUuid.IsValid(uuid))
        {
            return false;
        }

        await EnsureTableAsync(cancellationToken);
        // NOTE: the SDK answers a delete of a missing row with its 404 response instead of throwing.
        using var response = await _table.DeleteEntityAsync(keyId, uuid, ETag.All, cancellationToken);
        return response.Status != 404;
    }

    private async Task<(T Record, ETag ETag)?> ReadAsync(string keyId, string uuid, CancellationToken cancellationToken)
    {
        // An id of another shape names no record, and must not reach the table as a row key.
        if (!AuphonicUuid.IsValid(uuid))
        {
            return null;
        }

        await EnsureTableAsync(cancellationToken);
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(keyId, uuid, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? (fromEntity(entity), entity.ETag) : null;
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableExists)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            _tableExists = true;
        }
    }
}
