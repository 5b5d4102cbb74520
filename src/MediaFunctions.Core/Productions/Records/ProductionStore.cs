using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;

namespace MediaFunctions.Core.Productions.Records;

/// <summary>
/// The productions of the Auphonic dialect, in table <see cref="TableName"/>: one row per production, partition the
/// owning key's id and row key the production's <see cref="AuphonicUuid"/>, so one key's productions are never read
/// for another. Its fields are kept as UTF-8 JSON in one binary column; changes are made under the row's ETag.
/// </summary>
public sealed class ProductionStore(TableServiceClient tables, TimeProvider timeProvider)
{
    public const string TableName = "productions";

    private const string PresetColumn = "Preset";
    private const string StatusColumn = "Status";
    private const string CreatedAtColumn = "CreatedAt";
    private const string UpdatedAtColumn = "UpdatedAt";
    private const string FieldsColumn = "Fields";
    private const string StateColumn = "State";

    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web);

    private readonly TableClient table = tables.GetTableClient(TableName);
    private volatile bool tableExists;

    /// <summary>Stores a new production of <paramref name="keyId"/> under a new id.</summary>
    /// <param name="state">Its state, when it has files already (the Simple API uploads before it creates).</param>
    /// <param name="uuid">Its id, when its files were stored under it before it was created; a new one otherwise.</param>
    public async Task<Production> CreateAsync(string keyId, string? presetUuid, int status, JsonObject fields, CancellationToken cancellationToken = default,
        ProductionState? state = null, string? uuid = null)
    {
        ProductionFields.ThrowIfTooLarge(fields, "production");
        await EnsureTableAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        while (true)
        {
            var production = new Production(uuid ?? AuphonicUuid.New(), keyId, presetUuid, status, now, now, (JsonObject)fields.DeepClone(), state ?? new ProductionState());
            try
            {
                await table.AddEntityAsync(ToEntity(production), cancellationToken);
                return production;
            }
            catch (RequestFailedException taken) when (taken.Status == 409 && uuid is null)
            {
                // NOTE: 131 random bits make this all but impossible; a new id is cheaper than reasoning about it.
            }
        }
    }

    /// <summary>The production, or null when <paramref name="keyId"/> has none by that id.</summary>
    public async Task<Production?> GetAsync(string keyId, string uuid, CancellationToken cancellationToken = default) =>
        (await ReadAsync(keyId, uuid, cancellationToken))?.Production;

    /// <summary>Every production of <paramref name="keyId"/>, newest first.</summary>
    public async Task<IReadOnlyList<Production>> ListAsync(string keyId, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var productions = new List<Production>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == keyId, cancellationToken: cancellationToken))
        {
            productions.Add(FromEntity(entity));
        }

        return [.. productions.OrderByDescending(production => production.CreatedAt).ThenBy(production => production.Uuid, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Applies <paramref name="change"/> (which may throw to refuse) to the stored production and writes the result,
    /// reading again and re-applying when another writer got there first.
    /// </summary>
    /// <returns>The production as written, or null when <paramref name="keyId"/> has none by that id.</returns>
    public async Task<Production?> UpdateAsync(string keyId, string uuid, Func<Production, Production> change,
        CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (await ReadAsync(keyId, uuid, cancellationToken) is not var (production, etag))
            {
                return null;
            }

            var changed = change(production) with { Uuid = production.Uuid, KeyId = keyId, CreatedAt = production.CreatedAt, UpdatedAt = timeProvider.GetUtcNow() };
            ProductionFields.ThrowIfTooLarge(changed.Fields, "production");
            try
            {
                await table.UpdateEntityAsync(ToEntity(changed), etag, TableUpdateMode.Replace, cancellationToken);
                return changed;
            }
            catch (RequestFailedException raced) when (raced.Status is 412 or 404)
            {
                // Changed or deleted since it was read: read it again and decide again.
            }
        }
    }

    /// <summary>Deletes the production; false when <paramref name="keyId"/> has none by that id.</summary>
    public async Task<bool> DeleteAsync(string keyId, string uuid, CancellationToken cancellationToken = default)
    {
        if (!AuphonicUuid.IsValid(uuid))
        {
            return false;
        }

        await EnsureTableAsync(cancellationToken);
        // NOTE: the SDK answers a delete of a missing row with its 404 response instead of throwing.
        using var response = await table.DeleteEntityAsync(keyId, uuid, ETag.All, cancellationToken);
        return response.Status != 404;
    }

    private async Task<(Production Production, ETag ETag)?> ReadAsync(string keyId, string uuid, CancellationToken cancellationToken)
    {
        // An id of another shape names no production, and must not reach the table as a row key.
        if (!AuphonicUuid.IsValid(uuid))
        {
            return null;
        }

        await EnsureTableAsync(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(keyId, uuid, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? (FromEntity(entity), entity.ETag) : null;
    }

    private static TableEntity ToEntity(Production production) => new(production.KeyId, production.Uuid)
    {
        [PresetColumn] = production.PresetUuid,
        [StatusColumn] = production.Status,
        [CreatedAtColumn] = production.CreatedAt,
        [UpdatedAtColumn] = production.UpdatedAt,
        [FieldsColumn] = JsonSerializer.SerializeToUtf8Bytes(production.Fields),
        [StateColumn] = JsonSerializer.SerializeToUtf8Bytes(production.State, StateJson),
    };

    private static Production FromEntity(TableEntity entity) => new(
        entity.RowKey,
        entity.PartitionKey,
        entity.GetString(PresetColumn),
        entity.GetInt32(StatusColumn) ?? ProductionStatus.Incomplete,
        entity.GetDateTimeOffset(CreatedAtColumn) ?? default,
        entity.GetDateTimeOffset(UpdatedAtColumn) ?? default,
        JsonNode.Parse(entity.GetBinary(FieldsColumn) ?? "{}"u8.ToArray()) as JsonObject ?? [],
        entity.GetBinary(StateColumn) is { } state ? JsonSerializer.Deserialize<ProductionState>(state, StateJson)! : new ProductionState());

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!tableExists)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            tableExists = true;
        }
    }
}
