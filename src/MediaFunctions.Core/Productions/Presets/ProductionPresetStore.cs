using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace MediaFunctions.Core.Productions.Presets;

/// <summary>
/// The presets of the Auphonic dialect, in table <see cref="TableName"/>: one row per preset, partition the
/// owning key's id and row key the preset's <see cref="AuphonicUuid"/>, so one key's presets are never read
/// for another. Its fields are kept as UTF-8 JSON in one binary column; changes are made under the row's ETag.
/// </summary>
public sealed class ProductionPresetStore(TableServiceClient tables, TimeProvider timeProvider)
{
    public const string TableName = "presets";

    private const string NameColumn = "Name";
    private const string CreatedAtColumn = "CreatedAt";
    private const string UpdatedAtColumn = "UpdatedAt";
    private const string FieldsColumn = "Fields";

    private readonly AuphonicRecordTable<ProductionPreset> _table = new(tables, TableName, ToEntity, FromEntity);

    /// <summary>Stores a new preset of <paramref name="keyId"/> under a new id.</summary>
    public async Task<ProductionPreset> CreateAsync(string keyId, string name, JsonObject fields, CancellationToken cancellationToken = default)
    {
        ProductionFields.ThrowIfTooLarge(fields);
        var now = timeProvider.GetUtcNow();
        return await _table.AddAsync(id => new ProductionPreset(id, keyId, name, now, now, (JsonObject)fields.DeepClone()), uuid: null, cancellationToken);
    }

    /// <summary>The preset, or null when <paramref name="keyId"/> has none by that id.</summary>
    public async Task<ProductionPreset?> GetAsync(string keyId, string uuid, CancellationToken cancellationToken = default) =>
        await _table.GetAsync(keyId, uuid, cancellationToken);

    /// <summary>Every preset of <paramref name="keyId"/>, newest first.</summary>
    public async Task<IReadOnlyList<ProductionPreset>> ListAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var presets = await _table.ListAsync(keyId, cancellationToken);
        return [.. presets.OrderByDescending(preset => preset.CreatedAt).ThenBy(preset => preset.Uuid, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Applies <paramref name="change"/> (which may throw to refuse) to the stored preset and writes the result,
    /// reading again and re-applying when another writer got there first.
    /// </summary>
    /// <returns>The preset as written, or null when <paramref name="keyId"/> has none by that id.</returns>
    public async Task<ProductionPreset?> UpdateAsync(string keyId, string uuid, Func<ProductionPreset, ProductionPreset> change,
        CancellationToken cancellationToken = default) =>
        await _table.UpdateAsync(keyId, uuid, preset =>
        {
            var changed = change(preset) with { Uuid = preset.Uuid, KeyId = keyId, CreatedAt = preset.CreatedAt, UpdatedAt = timeProvider.GetUtcNow() };
            ProductionFields.ThrowIfTooLarge(changed.Fields);
            return changed;
        }, cancellationToken);

    /// <summary>Deletes the preset; false when <paramref name="keyId"/> has none by that id.</summary>
    public async Task<bool> DeleteAsync(string keyId, string uuid, CancellationToken cancellationToken = default) =>
        await _table.DeleteAsync(keyId, uuid, cancellationToken);

    private static TableEntity ToEntity(ProductionPreset preset) => new(preset.KeyId, preset.Uuid)
    {
        [NameColumn] = preset.Name,
        [CreatedAtColumn] = preset.CreatedAt,
        [UpdatedAtColumn] = preset.UpdatedAt,
        [FieldsColumn] = JsonSerializer.SerializeToUtf8Bytes(preset.Fields),
    };

    private static ProductionPreset FromEntity(TableEntity entity) => new(
        entity.RowKey,
        entity.PartitionKey,
        entity.GetString(NameColumn) ?? "",
        entity.GetDateTimeOffset(CreatedAtColumn) ?? default,
        entity.GetDateTimeOffset(UpdatedAtColumn) ?? default,
        JsonNode.Parse(entity.GetBinary(FieldsColumn) ?? "{}"u8.ToArray()) as JsonObject ?? []);
}
