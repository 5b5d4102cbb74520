using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;

namespace MediaFunctions.Core.Storage;

/// <summary>
/// A random 32-byte key that every host shares, kept in a blob of the system container and made once,
/// by whichever host asks first. Cached after the first read.
/// </summary>
/// <remarks>
/// NOTE: earlier versions kept these keys in the work container, where Azure's lifecycle rule deleted them after a day; a
/// key found there is moved, so links and secrets made with it stay valid.
/// </remarks>
internal sealed class SystemSecret(BlobServiceClient blobs, string blobName)
{
    private byte[]? _key;

    public async Task<byte[]> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_key is { } cached)
        {
            return cached;
        }

        var container = blobs.GetBlobContainerClient(MediaContainers.System);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient(blobName);
        try
        {
            var earlier = blobs.GetBlobContainerClient(MediaContainers.Work).GetBlobClient(blobName);
            var key = await earlier.ExistsAsync(cancellationToken) ? (await earlier.DownloadContentAsync(cancellationToken)).Value.Content
                : BinaryData.FromBytes(RandomNumberGenerator.GetBytes(32));
            await blob.UploadAsync(key, overwrite: false, cancellationToken);
        }
        catch (RequestFailedException failure) when (failure.Status == 409)
        {
            // Another host made it first: use theirs.
        }

        return _key = (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
    }
}
