using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace MediaFunctions.Core.Productions.Services;

/// <summary>
/// The external services of the Auphonic dialect, in table <see cref="TableName"/>: one row per service, partition the
/// owning key's id and row key the service's <see cref="AuphonicUuid"/>, so one key's services are never read for
/// another. Credentials are only ever stored sealed (<see cref="ProductionService.SealedCredentials"/>).
/// </summary>
public sealed class ProductionServiceStore(TableServiceClient tables)
{
    public const string TableName = "services";

    private const string TypeColumn = "Type";
    private const string DisplayNameColumn = "DisplayName";
    private const string IncomingColumn = "Incoming";
    private const string OutgoingColumn = "Outgoing";
    private const string CreatedAtColumn = "CreatedAt";
    private const string SettingsColumn = "Settings";
    private const string SealedCredentialsColumn = "SealedCredentials";

    private readonly TableClient table = tables.GetTableClient(TableName);
    private volatile bool tableExists;

    /// <summary>Stores <paramref name="service"/> under a new id (its own <see cref="ProductionService.Uuid"/> is replaced).</summary>
    public async Task<ProductionService> AddAsync(ProductionService service, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        while (true)
        {
            var added = service with { Uuid = AuphonicUuid.New() };
            try
            {
                await table.AddEntityAsync(ToEntity(added), cancellationToken);
                return added;
            }
            catch (RequestFailedException taken) when (taken.Status == 409)
            {
                // NOTE: 131 random bits make this all but impossible; a new id is cheaper than reasoning about it.
            }
        }
    }

    /// <summary>The service, or null when <paramref name="keyId"/> has none by that id.</summary>
    public async Task<ProductionService?> GetAsync(string keyId, string uuid, CancellationToken cancellationToken = default)
    {
        // An id of another shape names no service, and must not reach the table as a row key.
        if (!AuphonicUuid.IsValid(uuid))
        {
            return null;
        }

        await EnsureTableAsync(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(keyId, uuid, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>Every service of <paramref name="keyId"/>, newest first.</summary>
    public async Task<IReadOnlyList<ProductionService>> ListAsync(string keyId, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var services = new List<ProductionService>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == keyId, cancellationToken: cancellationToken))
        {
            services.Add(FromEntity(entity));
        }

        return [.. services.OrderByDescending(service => service.CreatedAt).ThenBy(service => service.Uuid, StringComparer.Ordinal)];
    }

    /// <summary>Deletes the service and returns what it was; null when <paramref name="keyId"/> has none by that id.</summary>
    public async Task<ProductionService?> DeleteAsync(string keyId, string uuid, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(keyId, uuid, cancellationToken) is not { } service)
        {
            return null;
        }

        // NOTE: the SDK answers a delete of a missing row with its 404 response instead of throwing.
        using var response = await table.DeleteEntityAsync(keyId, uuid, ETag.All, cancellationToken);
        return response.Status == 404 ? null : service;
    }

    private static TableEntity ToEntity(ProductionService service) => new(service.KeyId, service.Uuid)
    {
        [TypeColumn] = service.Type.ToString(),
        [DisplayNameColumn] = service.DisplayName,
        [IncomingColumn] = service.Incoming,
        [OutgoingColumn] = service.Outgoing,
        [CreatedAtColumn] = service.CreatedAt,
        [SettingsColumn] = JsonSerializer.SerializeToUtf8Bytes(service.Settings),
        [SealedCredentialsColumn] = service.SealedCredentials,
    };

    private static ProductionService FromEntity(TableEntity entity) => new(
        entity.RowKey,
        entity.PartitionKey,
        Enum.Parse<ProductionServiceType>(entity.GetString(TypeColumn) ?? nameof(ProductionServiceType.Http)),
        entity.GetString(DisplayNameColumn) ?? "",
        entity.GetBoolean(IncomingColumn) ?? false,
        entity.GetBoolean(OutgoingColumn) ?? false,
        entity.GetDateTimeOffset(CreatedAtColumn) ?? default,
        JsonSerializer.Deserialize<ProductionServiceSettings>(entity.GetBinary(SettingsColumn) ?? "{}"u8.ToArray()) ?? new(),
        entity.GetString(SealedCredentialsColumn));

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!tableExists)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            tableExists = true;
        }
    }
}
