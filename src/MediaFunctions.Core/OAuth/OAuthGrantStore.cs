using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace MediaFunctions.Core.OAuth;

/// <summary>
/// Codes and tokens, in table <see cref="TableName"/>: partition the kind, row key the SHA-256 hash of the token (hex), as
/// API keys are kept (<see cref="Keys.ApiKeyStore"/>), so what is stored cannot be used as a token. Both hosts read the same rows.
/// </summary>
internal sealed class OAuthGrantStore(TableServiceClient tables)
{
    public const string TableName = "oauthgrants";

    private const string ClientIdColumn = "ClientId";
    private const string KeyIdColumn = "KeyId";
    private const string KeyHashColumn = "KeyHash";
    private const string ExpiresAtColumn = "ExpiresAt";
    private const string RedirectUriColumn = "RedirectUri";
    private const string RedirectUriSentColumn = "RedirectUriSent";

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private volatile bool _tableExists;

    /// <summary>Stores <paramref name="grant"/> under <paramref name="token"/>'s hash.</summary>
    public async Task AddAsync(OAuthGrantKind kind, string token, OAuthGrant grant, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        await _table.AddEntityAsync(new TableEntity(kind.ToString(), RowKey(token))
        {
            [ClientIdColumn] = grant.ClientId,
            [KeyIdColumn] = grant.KeyId,
            [KeyHashColumn] = grant.KeyHash,
            [ExpiresAtColumn] = grant.ExpiresAt,
            [RedirectUriColumn] = grant.RedirectUri,
            [RedirectUriSentColumn] = grant.RedirectUriSent,
        }, cancellationToken);
    }

    /// <summary>The grant stored under <paramref name="token"/>, or null.</summary>
    public async Task<OAuthGrant?> FindAsync(OAuthGrantKind kind, string token, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(kind.ToString(), RowKey(token), cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>
    /// Removes and returns the grant stored under <paramref name="token"/>; null when there is none or another request took it
    /// first. The delete is conditional on the row's ETag, so of two requests racing with one code only one gets it.
    /// </summary>
    public async Task<OAuthGrant?> TakeAsync(OAuthGrantKind kind, string token, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(kind.ToString(), RowKey(token), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } entity)
        {
            return null;
        }

        try
        {
            await _table.DeleteEntityAsync(entity, entity.ETag, cancellationToken);
        }
        catch (RequestFailedException raced) when (raced.Status is 404 or 412)
        {
            return null;
        }

        return FromEntity(entity);
    }

    /// <summary>Deletes the grant stored under <paramref name="token"/>, if any.</summary>
    public async Task DeleteAsync(OAuthGrantKind kind, string token, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        using var _ = await _table.DeleteEntityAsync(kind.ToString(), RowKey(token), ETag.All, cancellationToken);
    }

    /// <summary>Deletes every code and token issued to <paramref name="clientId"/>.</summary>
    public async Task DeleteForClientAsync(string clientId, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.GetString(ClientIdColumn) == clientId, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            using var _ = await _table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
        }
    }

    private static string RowKey(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static OAuthGrant FromEntity(TableEntity entity) => new(
        entity.GetString(ClientIdColumn) ?? "",
        entity.GetString(KeyIdColumn) ?? "",
        entity.GetString(KeyHashColumn) ?? "",
        entity.GetDateTimeOffset(ExpiresAtColumn) ?? DateTimeOffset.MinValue,
        entity.GetString(RedirectUriColumn),
        entity.GetBoolean(RedirectUriSentColumn) ?? false);

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableExists)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            _tableExists = true;
        }
    }
}
