using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MediaFunctions.Core.Productions;
using Microsoft.Extensions.Logging;

namespace MediaFunctions.Core.OAuth;

/// <summary>
/// The registered OAuth apps, in table <see cref="TableName"/>: one row per app, row key its client id (the consent page and
/// the token endpoint find an app by it alone), its owning key in a column. The client secret is stored sealed
/// (<see cref="OAuthClientSecretProtector"/>), never in the clear.
/// </summary>
public sealed class OAuthAppStore
{
    public const string TableName = "oauthapps";

    private const string Partition = "app";
    private const string KeyIdColumn = "KeyId";
    private const string NameColumn = "Name";
    private const string RedirectUrisColumn = "RedirectUris";
    private const string SecretColumn = "SealedSecret";
    private const string CreatedAtColumn = "CreatedAt";

    private readonly TableClient _table;
    private readonly OAuthClientSecretProtector _protector;
    private readonly OAuthGrantStore _grants;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private volatile bool _tableExists;

    internal OAuthAppStore(TableServiceClient tables, OAuthClientSecretProtector protector, OAuthGrantStore grants, TimeProvider timeProvider, ILogger<OAuthAppStore> logger)
    {
        _table = tables.GetTableClient(TableName);
        _protector = protector;
        _grants = grants;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Registers an app of <paramref name="keyId"/> under a new client id and secret.</summary>
    /// <exception cref="InvalidOAuthAppException">The name or a redirect URI is refused (<see cref="OAuthApp.Validate"/>).</exception>
    public async Task<OAuthApp> CreateAsync(string keyId, string? name, IReadOnlyList<string>? redirectUris, CancellationToken cancellationToken = default)
    {
        if (OAuthApp.Validate(name, redirectUris) is { Count: > 0 } errors)
        {
            throw new InvalidOAuthAppException(errors);
        }

        await EnsureTableAsync(cancellationToken);
        while (true)
        {
            var clientId = AuphonicUuid.New();
            // 256 random bits, URL-safe, so it can be sent in a form field or a basic-auth password as it is.
            var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            var app = new OAuthApp(clientId, keyId, name!.Trim(), [.. redirectUris!], secret, _timeProvider.GetUtcNow());
            var entity = new TableEntity(Partition, clientId)
            {
                [KeyIdColumn] = keyId,
                [NameColumn] = app.Name,
                [RedirectUrisColumn] = JsonSerializer.Serialize(app.RedirectUris),
                [SecretColumn] = await _protector.SealAsync(clientId, secret, cancellationToken),
                [CreatedAtColumn] = app.CreatedAt,
            };
            try
            {
                await _table.AddEntityAsync(entity, cancellationToken);
                Logs.OAuthAppRegistered(_logger, keyId, clientId);
                return app;
            }
            catch (RequestFailedException taken) when (taken.Status == 409)
            {
                // NOTE: 131 random bits make this all but impossible; a new id is cheaper than reasoning about it.
            }
        }
    }

    /// <summary>The app with this client id, whoever owns it, or null.</summary>
    public async Task<OAuthApp?> FindAsync(string? clientId, CancellationToken cancellationToken = default)
    {
        // An id of another shape names no app, and must not reach the table as a row key.
        if (!AuphonicUuid.IsValid(clientId))
        {
            return null;
        }

        await EnsureTableAsync(cancellationToken);
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, clientId, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? await FromEntityAsync(entity, cancellationToken) : null;
    }

    /// <summary>The app, or null when <paramref name="keyId"/> has none by that client id.</summary>
    public async Task<OAuthApp?> GetAsync(string keyId, string clientId, CancellationToken cancellationToken = default) =>
        await FindAsync(clientId, cancellationToken) is { } app && app.KeyId == keyId ? app : null;

    /// <summary>Every app of <paramref name="keyId"/>, newest first.</summary>
    public async Task<IReadOnlyList<OAuthApp>> ListAsync(string keyId, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var apps = new List<OAuthApp>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition && e.GetString(KeyIdColumn) == keyId, cancellationToken: cancellationToken))
        {
            apps.Add(await FromEntityAsync(entity, cancellationToken));
        }

        return [.. apps.OrderByDescending(app => app.CreatedAt).ThenBy(app => app.ClientId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Deletes the app and every code and token issued to it; false when <paramref name="keyId"/> has none by that client id.
    /// A token of a deleted app stops working at once even before its row is gone, since every use checks the app.
    /// </summary>
    public async Task<bool> DeleteAsync(string keyId, string clientId, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(keyId, clientId, cancellationToken) is null)
        {
            return false;
        }

        // NOTE: the SDK answers a delete of a missing row with its 404 response instead of throwing.
        using var response = await _table.DeleteEntityAsync(Partition, clientId, ETag.All, cancellationToken);
        await _grants.DeleteForClientAsync(clientId, cancellationToken);
        Logs.OAuthAppDeleted(_logger, keyId, clientId);
        return response.Status != 404;
    }

    /// <summary>True when <paramref name="clientSecret"/> is the app's secret, compared in constant time.</summary>
    public static bool IsClientSecret(OAuthApp app, string? clientSecret) =>
        clientSecret is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(clientSecret)), SHA256.HashData(Encoding.UTF8.GetBytes(app.ClientSecret)));

    private async Task<OAuthApp> FromEntityAsync(TableEntity entity, CancellationToken cancellationToken) => new(
        entity.RowKey,
        entity.GetString(KeyIdColumn) ?? "",
        entity.GetString(NameColumn) ?? "",
        JsonSerializer.Deserialize<string[]>(entity.GetString(RedirectUrisColumn) ?? "[]") ?? [],
        await _protector.OpenAsync(entity.RowKey, entity.GetString(SecretColumn) ?? "", cancellationToken),
        entity.GetDateTimeOffset(CreatedAtColumn) ?? default);

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableExists)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            _tableExists = true;
        }
    }
}
