using System.Globalization;
using Azure;
using Azure.Data.Tables;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Batches.Slots;

/// <summary>
/// A key's slots for running batch jobs, shared by every batch of the key and every host: one table row per
/// taken slot (partition: the key; row: the slot's number), so taking a slot is inserting its row and two
/// hosts can never take the same one. A slot whose holder is no longer running (terminated, or lost with a
/// host) is freed when somebody finds all slots taken.
/// </summary>
public sealed class KeyJobSlots(TableServiceClient tables, IOrchestrationClient orchestrations)
{
    public const string TableName = "batchslots";

    private const string HolderColumn = "Holder";

    private readonly TableClient table = tables.GetTableClient(TableName);
    private volatile bool tableExists;

    /// <summary>
    /// Takes one of the key's <paramref name="capacity"/> slots for <paramref name="holderJobId"/>; true when it
    /// holds one (already holding one counts, so a retried call takes no second slot).
    /// </summary>
    public async Task<bool> TryTakeAsync(string keyId, string holderJobId, int capacity, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var taken = await ReadAsync(keyId, cancellationToken);
        if (taken.Any(slot => slot.GetString(HolderColumn) == holderJobId))
        {
            return true;
        }

        var numbers = taken.Select(slot => slot.RowKey).ToHashSet(StringComparer.Ordinal);
        foreach (var number in Enumerable.Range(0, capacity).Select(RowKeyOf).Where(number => !numbers.Contains(number)))
        {
            try
            {
                await table.AddEntityAsync(new TableEntity(keyId, number) { [HolderColumn] = holderJobId }, cancellationToken);
                return true;
            }
            catch (RequestFailedException raced) when (raced.Status == 409)
            {
                // Another job took this one between the read and the insert: try the next.
            }
        }

        await FreeAbandonedAsync(taken, cancellationToken);
        return false;
    }

    /// <summary>Gives back the slot <paramref name="holderJobId"/> holds, if it holds one.</summary>
    public async Task ReleaseAsync(string keyId, string holderJobId, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        foreach (var slot in await ReadAsync(keyId, cancellationToken))
        {
            if (slot.GetString(HolderColumn) == holderJobId)
            {
                await DeleteAsync(slot, cancellationToken);
            }
        }
    }

    private async Task FreeAbandonedAsync(IReadOnlyList<TableEntity> taken, CancellationToken cancellationToken)
    {
        foreach (var slot in taken)
        {
            if (slot.GetString(HolderColumn) is not { } holder
                || await orchestrations.GetInstanceAsync(holder, cancellationToken: cancellationToken) is not { IsRunning: true })
            {
                await DeleteAsync(slot, cancellationToken);
            }
        }
    }

    private async Task DeleteAsync(TableEntity slot, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(slot.PartitionKey, slot.RowKey, slot.ETag, cancellationToken);
        }
        catch (RequestFailedException changed) when (changed.Status is 404 or 412)
        {
            // Freed, or freed and taken again, by somebody else.
        }
    }

    private async Task<IReadOnlyList<TableEntity>> ReadAsync(string keyId, CancellationToken cancellationToken)
    {
        var slots = new List<TableEntity>();
        await foreach (var slot in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {keyId}"), cancellationToken: cancellationToken))
        {
            slots.Add(slot);
        }

        return slots;
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!tableExists)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            tableExists = true;
        }
    }

    private static string RowKeyOf(int number) => number.ToString("D4", CultureInfo.InvariantCulture);
}
