using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace MediaFunctions.Core.Keys;

/// <summary>
/// The API keys, in table <see cref="TableName"/>. Secrets are never stored: a key's row is found
/// by the SHA-256 hash of its secret (the row key, hex). Lookups are answered from a snapshot of the
/// table that is reloaded at most every <see cref="RefreshInterval"/>, so authenticating a request
/// costs no storage call.
/// </summary>
public sealed class ApiKeyStore(TableServiceClient tables, TimeProvider timeProvider)
{
    public const string TableName = "ApiKeys";

    /// <summary>A key created or revoked in another process is seen here after at most this long.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private const string Partition = "key";
    private readonly TableClient table = tables.GetTableClient(TableName);
    private readonly SemaphoreSlim refreshLock = new(1, 1);
    private volatile Snapshot? snapshot;
    private volatile bool tableExists;

    /// <summary>The key whose secret is <paramref name="secret"/>, or null when there is none.</summary>
    public Task<ApiKey?> FindBySecretAsync(string secret, CancellationToken cancellationToken = default) =>
        FindByHashAsync(Hash(secret), cancellationToken);

    /// <summary>
    /// The key whose secret hashes to <paramref name="hash"/> (see <see cref="Hash"/>), or null when there is none: what
    /// a grant made with a key (an OAuth token) checks, so that it ends when the key is removed or given a new secret.
    /// </summary>
    public async Task<ApiKey?> FindByHashAsync(byte[] hash, CancellationToken cancellationToken = default)
    {
        var current = await GetSnapshotAsync(cancellationToken);
        ApiKey? found = null;
        // Every entry is compared in constant time and the loop never stops early, so the time
        // taken says nothing about how close a guess came.
        foreach (var (entryHash, key) in current.Entries)
        {
            if (CryptographicOperations.FixedTimeEquals(entryHash, hash))
            {
                found = key;
            }
        }

        return found;
    }

    /// <summary>
    /// Stores the key with this secret, replacing any other secret the key had; the change is
    /// visible to lookups in this process at once.
    /// </summary>
    public async Task CreateOrUpdateAsync(string id, string secret, bool isAdmin, CancellationToken cancellationToken = default)
    {
        if (!ApiKey.IsValidId(id))
        {
            throw new ArgumentException($"Key id '{id}' must be 1–{ApiKey.MaxIdLength} lower-case letters, digits or '_'.", nameof(id));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        await EnsureTableAsync(cancellationToken);
        var rowKey = Convert.ToHexStringLower(Hash(secret));
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, rowKey, cancellationToken: cancellationToken);
        if (existing.HasValue && existing.Value?.GetString(nameof(ApiKey.Id)) is { } owner && owner != id)
        {
            throw new InvalidOperationException($"Key '{id}' cannot use a secret that belongs to key '{owner}'.");
        }

        var entity = new TableEntity(Partition, rowKey)
        {
            [nameof(ApiKey.Id)] = id,
            [nameof(ApiKey.IsAdmin)] = isAdmin,
            ["UpdatedAt"] = timeProvider.GetUtcNow(),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        await foreach (var old in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition && e.GetString(nameof(ApiKey.Id)) == id, cancellationToken: cancellationToken))
        {
            if (old.RowKey != rowKey)
            {
                await table.DeleteEntityAsync(old, ETag.All, cancellationToken);
            }
        }

        await ReloadAsync(cancellationToken);
    }

    /// <summary>The SHA-256 hash of a secret's UTF-8 bytes.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private async Task<Snapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        var current = snapshot;
        if (current is not null && timeProvider.GetUtcNow() - current.LoadedAt < RefreshInterval)
        {
            return current;
        }

        await refreshLock.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have reloaded while this one waited.
            current = snapshot;
            if (current is not null && timeProvider.GetUtcNow() - current.LoadedAt < RefreshInterval)
            {
                return current;
            }

            return await LoadAsync(cancellationToken);
        }
        finally
        {
            refreshLock.Release();
        }
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await refreshLock.WaitAsync(cancellationToken);
        try
        {
            await LoadAsync(cancellationToken);
        }
        finally
        {
            refreshLock.Release();
        }
    }

    private async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var loadedAt = timeProvider.GetUtcNow();
        var entries = new List<(byte[], ApiKey)>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            if (entity.GetString(nameof(ApiKey.Id)) is { } id && ApiKey.IsValidId(id) && TryParseHash(entity.RowKey, out var hash))
            {
                entries.Add((hash, new ApiKey(id, entity.GetBoolean(nameof(ApiKey.IsAdmin)) ?? false)));
            }
        }

        var loaded = new Snapshot(entries, loadedAt);
        snapshot = loaded;
        return loaded;
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!tableExists)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            tableExists = true;
        }
    }

    private static bool TryParseHash(string rowKey, out byte[] hash)
    {
        hash = [];
        if (rowKey.Length != SHA256.HashSizeInBytes * 2)
        {
            return false;
        }

        try
        {
            hash = Convert.FromHexString(rowKey);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private sealed record Snapshot(IReadOnlyList<(byte[] Hash, ApiKey Key)> Entries, DateTimeOffset LoadedAt);
}
