using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MediaFunctions.Core.Storage;

namespace MediaFunctions.Core.Batches;

/// <summary>
/// Batch manifests as JSON blobs in the work container, changed only with the ETag they were read with, so a
/// rename racing a start either lands before the start or is refused after it, never lost in between.
/// </summary>
public sealed class BatchManifestStore(BlobServiceClient blobs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private BlobContainerClient Container => blobs.GetBlobContainerClient(MediaContainers.Work);

    /// <summary>Writes a new batch's manifest.</summary>
    public async Task CreateAsync(BatchManifest manifest, CancellationToken cancellationToken = default) =>
        await Blob(manifest.KeyId, manifest.BatchId).UploadAsync(BinaryData.FromObjectAsJson(manifest, Json),
            new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All }, HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);

    /// <summary>The manifest, or null when the key has no such batch.</summary>
    public async Task<BatchManifest?> GetAsync(string keyId, string batchId, CancellationToken cancellationToken = default) =>
        (await ReadAsync(keyId, batchId, cancellationToken))?.Manifest;

    /// <summary>
    /// Applies <paramref name="change"/> to the stored manifest and writes the result, reading again and
    /// re-applying when another writer got there first. <paramref name="change"/> may throw to refuse.
    /// </summary>
    /// <returns>The manifest as written, or null when there is no such batch.</returns>
    public async Task<BatchManifest?> UpdateAsync(string keyId, string batchId, Func<BatchManifest, BatchManifest> change, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (await ReadAsync(keyId, batchId, cancellationToken) is not var (manifest, etag))
            {
                return null;
            }

            var changed = change(manifest);
            try
            {
                await Blob(keyId, batchId).UploadAsync(BinaryData.FromObjectAsJson(changed, Json),
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = etag }, HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
                    cancellationToken);
                return changed;
            }
            catch (RequestFailedException raced) when (raced.Status == 412)
            {
                // Another writer changed it since it was read: read it again and decide again.
            }
        }
    }

    /// <summary>One page of the ids of the key's batches, newest first.</summary>
    public async Task<(IReadOnlyList<string> BatchIds, string? ContinuationToken)> ListAsync(string keyId, int pageSize, string? continuationToken,
        CancellationToken cancellationToken = default)
    {
        var prefix = PrefixFor(keyId);
        await foreach (var page in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).AsPages(continuationToken, pageSize))
        {
            return ([.. page.Values.Select(blob => blob.Name[prefix.Length..^".json".Length])], string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Deletes the manifest if there is one.</summary>
    public async Task DeleteAsync(string keyId, string batchId, CancellationToken cancellationToken = default) =>
        await Blob(keyId, batchId).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    private async Task<(BatchManifest Manifest, ETag ETag)?> ReadAsync(string keyId, string batchId, CancellationToken cancellationToken)
    {
        try
        {
            var content = await Blob(keyId, batchId).DownloadContentAsync(cancellationToken);
            return (content.Value.Content.ToObjectFromJson<BatchManifest>(Json)!, content.Value.Details.ETag);
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            return null;
        }
    }

    private BlobClient Blob(string keyId, string batchId) => Container.GetBlobClient($"{PrefixFor(keyId)}{batchId}.json");

    // Manifests of one key share a prefix and sort by batch id, which sorts newest first.
    private static string PrefixFor(string keyId) => $"batches/{keyId}/";
}
