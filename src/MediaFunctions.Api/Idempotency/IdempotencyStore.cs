using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace MediaFunctions.Api.Idempotency;

/// <summary>
/// Idempotency records in table <see cref="TableName"/>: partition the API key's id (so keys never share one), row the
/// SHA-256 of the <c>Idempotency-Key</c> (any printable ASCII may be in it; a row key may not hold <c>/ \ # ?</c>).
/// Claiming a key is an insert, so of two requests racing with one key exactly one runs.
/// </summary>
public sealed class IdempotencyStore(TableServiceClient tables)
{
    public const string TableName = "idempotency";

    /// <summary>The largest answer body kept: a table property holds 64 KiB. A larger answer is not kept (the key is released).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private bool _tableExists;

    /// <summary>Claims the key with a running record; false when a record is already there.</summary>
    public async Task<bool> TryAddAsync(string keyId, string idempotencyKey, IdempotencyRecord record, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        try
        {
            await _table.AddEntityAsync(ToEntity(keyId, idempotencyKey, record), cancellationToken);
            return true;
        }
        catch (RequestFailedException error) when (error.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The record and its ETag, or null.</summary>
    public async Task<(IdempotencyRecord Record, ETag ETag)?> GetAsync(string keyId, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(keyId, RowKey(idempotencyKey), cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? (FromEntity(entity), entity.ETag) : null;
    }

    /// <summary>Replaces the record if unchanged since <paramref name="etag"/> (<see cref="ETag.All"/>: in any case); false when it changed.</summary>
    public async Task<bool> TryReplaceAsync(string keyId, string idempotencyKey, IdempotencyRecord record, ETag etag, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.UpdateEntityAsync(ToEntity(keyId, idempotencyKey, record), etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException error) when (error.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Releases the key: the next request with it runs anew.</summary>
    public async Task DeleteAsync(string keyId, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.DeleteEntityAsync(keyId, RowKey(idempotencyKey), ETag.All, cancellationToken);
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            // Already gone.
        }
    }

    private static string RowKey(string idempotencyKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(idempotencyKey)));

    private static TableEntity ToEntity(string keyId, string idempotencyKey, IdempotencyRecord record) => new(keyId, RowKey(idempotencyKey))
    {
        ["RequestHash"] = record.RequestHash,
        ["StatusCode"] = record.StatusCode,
        ["Body"] = record.Body,
        ["ContentType"] = record.ContentType,
        ["Location"] = record.Location,
        ["StartedAt"] = record.StartedAt,
        ["ExpiresAt"] = record.ExpiresAt,
    };

    private static IdempotencyRecord FromEntity(TableEntity entity) => new(
        entity.GetString("RequestHash"),
        entity.GetInt32("StatusCode") ?? 0,
        entity.GetBinary("Body"),
        entity.GetString("ContentType"),
        entity.GetString("Location"),
        entity.GetDateTimeOffset("StartedAt") ?? default,
        entity.GetDateTimeOffset("ExpiresAt") ?? default);

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableExists)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            _tableExists = true;
        }
    }
}
