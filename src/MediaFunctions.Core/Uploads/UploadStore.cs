using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace MediaFunctions.Core.Uploads;

/// <summary>
/// Upload sessions in table <see cref="TableName"/>: partition the owner's key id, row the upload id, so one key's uploads
/// are never found under another's. Changes are made under the row's ETag: two completes or two jobs racing for one
/// upload cannot both win.
/// </summary>
public sealed class UploadStore(TableServiceClient tables)
{
    public const string TableName = "uploads";

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private bool _tableExists;

    /// <summary>Stores a new session.</summary>
    public async Task AddAsync(UploadSession session, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        await _table.AddEntityAsync(ToEntity(session), cancellationToken);
    }

    /// <summary>The key's session and its ETag, or null when it has none by that id.</summary>
    public async Task<(UploadSession Session, ETag ETag)?> GetAsync(string keyId, string id, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(keyId, id, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? (FromEntity(entity), entity.ETag) : null;
    }

    /// <summary>Replaces the session if it has not changed since <paramref name="etag"/>; false when it has.</summary>
    public async Task<bool> TryReplaceAsync(UploadSession session, ETag etag, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.UpdateEntityAsync(ToEntity(session), etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException error) when (error.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Forgets the session (its blob is deleted by its cleanup).</summary>
    public async Task DeleteAsync(string keyId, string id, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        await _table.DeleteEntityAsync(keyId, id, ETag.All, cancellationToken);
    }

    private static TableEntity ToEntity(UploadSession session) => new(session.KeyId, session.Id)
    {
        ["Name"] = session.Name,
        ["ContentType"] = session.ContentType,
        ["Size"] = session.Size,
        ["BlockSize"] = session.BlockSize,
        ["BlobName"] = session.BlobName,
        ["CreatedAt"] = session.CreatedAt,
        ["ExpiresAt"] = session.ExpiresAt,
        ["Status"] = session.Status,
        ["Media"] = session.Media is null ? null : JsonSerializer.Serialize(session.Media),
        ["JobId"] = session.JobId,
    };

    private static UploadSession FromEntity(TableEntity entity) => new(
        entity.RowKey,
        entity.PartitionKey,
        entity.GetString("Name"),
        entity.GetString("ContentType"),
        entity.GetInt64("Size") ?? 0,
        entity.GetInt32("BlockSize") ?? 0,
        entity.GetString("BlobName") ?? "",
        entity.GetDateTimeOffset("CreatedAt") ?? default,
        entity.GetDateTimeOffset("ExpiresAt") ?? default,
        entity.GetString("Status") ?? UploadStatus.Pending,
        entity.GetString("Media") is { } media ? JsonSerializer.Deserialize<UploadMedia>(media) : null,
        entity.GetString("JobId"));

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableExists)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            _tableExists = true;
        }
    }
}
