using System.Text.Json;
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

    private readonly AuphonicRecordTable<ProductionService> _table = new(tables, TableName, ToEntity, FromEntity);

    /// <summary>Stores <paramref name="service"/> under a new id (its own <see cref="ProductionService.Uuid"/> is replaced).</summary>
    public async Task<ProductionService> AddAsync(ProductionService service, CancellationToken cancellationToken = default) =>
        await _table.AddAsync(id => service with { Uuid = id }, uuid: null, cancellationToken);

    /// <summary>The service, or null when <paramref name="keyId"/> has none by that id.</summary>
    public async Task<ProductionService?> GetAsync(string keyId, string uuid, CancellationToken cancellationToken = default) =>
        await _table.GetAsync(keyId, uuid, cancellationToken);

    /// <summary>Every service of <paramref name="keyId"/>, newest first.</summary>
    public async Task<IReadOnlyList<ProductionService>> ListAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var services = await _table.ListAsync(keyId, cancellationToken);
        return [.. services.OrderByDescending(service => service.CreatedAt).ThenBy(service => service.Uuid, StringComparer.Ordinal)];
    }

    /// <summary>Deletes the service and returns what it was; null when <paramref name="keyId"/> has none by that id.</summary>
    public async Task<ProductionService?> DeleteAsync(string keyId, string uuid, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(keyId, uuid, cancellationToken) is not { } service)
        {
            return null;
        }

        // The row may have gone between the read and the delete.
        return await _table.DeleteAsync(keyId, uuid, cancellationToken) ? service : null;
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
}
