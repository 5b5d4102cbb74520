using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
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

    private readonly TableClient table = tables.GetTableClient(TableName);
    private volatile bool tableExists;

    /// <summary>Stores a new preset of <paramref name="keyId"/> under a new id.</summary>
    public async Task<ProductionPreset> CreateAsync(string keyId, string name, JsonObject fields, CancellationToken cancellationToken = default)
    {
        ProductionFields.ThrowIfTooLarge(fields);
        await EnsureTableAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        while (true)
        {
            var preset = new ProductionPreset(AuphonicUuid.New(), keyId, name, now, now, (JsonObject)fields.DeepClone());
            try
            {
                await table.AddEntityAsync(ToEntity(preset), cancellationToken);
                return preset;
            }
            catch (RequestFailedException taken) when (taken.Status == 409)
            {
                // NOTE: 131 random bits make this all but impossible; a new id is cheaper than reasoning about it.
            }
        }
    }

    /// <summary>The preset, or null when <paramref name="keyId"/> has none by that id.</summary>
    public async Task<ProductionPreset?> GetAsync(string keyId, string uuid, CancellationToken cancellationToken = default) =>
        (await ReadAsync(keyId, uuid, cancellationToken))?.Preset;

    /// <summary>Every preset of <paramref name="keyId"/>, newest first.</summary>
    public async Task<IReadOnlyList<ProductionPreset>> ListAsync(string keyId, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var presets = new List<ProductionPreset>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == keyId, cancellationToken: cancellationToken))
        {
            presets.Add(FromEntity(entity));
        }

        return [.. presets.OrderByDescending(preset => preset.CreatedAt).ThenBy(preset => preset.Uuid, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Applies <paramref name="change"/> (which may throw to refuse) to the stored preset and writes the result,
    /// reading again and re-applying when another writer got there first.
    /// </summary>
    /// <returns>The preset as written, or null when <paramref name="keyId"/> has none by that id.</returns>
    public async Task<ProductionPreset?> UpdateAsync(string keyId, string uuid, Func<ProductionPreset, ProductionPreset> change,
        CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (await ReadAsync(keyId, uuid, cancellationToken) is not var (preset, etag))
            {
                return null;
            }

            var changed = change(preset) with { Uuid = preset.Uuid, KeyId = keyId, CreatedAt = preset.CreatedAt, UpdatedAt = timeProvider.GetUtcNow() };
            ProductionFields.ThrowIfTooLarge(changed.Fields);
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

    /// <summary>Deletes the preset; false when <paramref name="keyId"/> has none by that id.</summary>
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

    private async Task<(ProductionPreset Preset, ETag ETag)?> ReadAsync(string keyId, string uuid, CancellationToken cancellationToken)
    {
        // An id of another shape names no preset, and must not reach the table as a row key.
        if (!AuphonicUuid.IsValid(uuid))
        {
            return null;
        }

        await EnsureTableAsync(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(keyId, uuid, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? (FromEntity(entity), entity.ETag) : null;
    }

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

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!tableExists)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            tableExists = true;
        }
    }
}
