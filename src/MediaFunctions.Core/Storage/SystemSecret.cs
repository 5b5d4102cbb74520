using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;

namespace MediaFunctions.Core.Storage;

/// <summary>
/// A random 32-byte key that every host shares, kept in a blob of the work container and made once,
/// by whichever host asks first. Cached after the first read.
/// </summary>
internal sealed class SystemSecret(BlobServiceClient blobs, string blobName)
{
    private byte[]? _key;

    public async Task<byte[]> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_key is { } cached)
        {
            return cached;
        }

        var container = blobs.GetBlobContainerClient(MediaContainers.Work);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient(blobName);
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(RandomNumberGenerator.GetBytes(32)), overwrite: false, cancellationToken);
        }
        catch (RequestFailedException failure) when (failure.Status == 409)
        {
            // Another host made it first: use theirs.
        }

        return _key = (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
    }
}
