using System.Text.Json;
using System.Text.Json.Nodes;
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

    private readonly AuphonicRecordTable<Production> _table = new(tables, TableName, ToEntity, FromEntity);

    /// <summary>Stores a new production of <paramref name="keyId"/> under a new id.</summary>
    /// <param name="state">Its state, when it has files already (the Simple API uploads before it creates).</param>
    /// <param name="uuid">Its id, when its files were stored under it before it was created; a new one otherwise.</param>
    public async Task<Production> CreateAsync(string keyId, string? presetUuid, int status, JsonObject fields, CancellationToken cancellationToken = default,
        ProductionState? state = null, string? uuid = null)
    {
        ProductionFields.ThrowIfTooLarge(fields, "production");
        var now = timeProvider.GetUtcNow();
        return await _table.AddAsync(
            id => new Production(id, keyId, presetUuid, status, now, now, (JsonObject)fields.DeepClone(), state ?? new ProductionState()), uuid, cancellationToken);
    }

    /// <summary>The production, or null when <paramref name="keyId"/> has none by that id.</summary>
    public async Task<Production?> GetAsync(string keyId, string uuid, CancellationToken cancellationToken = default) =>
        await _table.GetAsync(keyId, uuid, cancellationToken);

    /// <summary>Every production of <paramref name="keyId"/>, newest first.</summary>
    public async Task<IReadOnlyList<Production>> ListAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var productions = await _table.ListAsync(keyId, cancellationToken);
        return [.. productions.OrderByDescending(production => production.CreatedAt).ThenBy(production => production.Uuid, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Applies <paramref name="change"/> (which may throw to refuse) to the stored production and writes the result,
    /// reading again and re-applying when another writer got there first.
    /// </summary>
    /// <returns>The production as written, or null when <paramref name="keyId"/> has none by that id.</returns>
    public async Task<Production?> UpdateAsync(string keyId, string uuid, Func<Production, Production> change,
        CancellationToken cancellationToken = default) =>
        await _table.UpdateAsync(keyId, uuid, production =>
        {
            var changed = change(production) with { Uuid = production.Uuid, KeyId = keyId, CreatedAt = production.CreatedAt, UpdatedAt = timeProvider.GetUtcNow() };
            ProductionFields.ThrowIfTooLarge(changed.Fields, "production");
            return changed;
        }, cancellationToken);

    /// <summary>Deletes the production; false when <paramref name="keyId"/> has none by that id.</summary>
    public async Task<bool> DeleteAsync(string keyId, string uuid, CancellationToken cancellationToken = default) =>
        await _table.DeleteAsync(keyId, uuid, cancellationToken);

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
}
