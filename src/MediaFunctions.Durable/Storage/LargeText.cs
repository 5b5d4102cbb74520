using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace MediaFunctions.Durable.Storage;

/// <summary>
/// Keeps a text column in its table row while it fits a property (32 K UTF-16 characters), and
/// in a blob otherwise, with the row holding the blob's name. Blobs of replaced values stay
/// until the instance is purged.
/// </summary>
internal sealed class LargeText(BlobContainerClient container)
{
    // Below the 32,768-character property limit, leaving room for the column name.
    public const int MaxInlineCharacters = 30_000;

    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    /// <summary>Puts <paramref name="text"/> into <paramref name="column"/>, or into the blob <paramref name="blobName"/> when too large.</summary>
    public async Task PutAsync(TableEntity row, string column, string? text, string blobName, CancellationToken cancellationToken)
    {
        if (text is null || text.Length <= MaxInlineCharacters)
        {
            row[column] = text;
            return;
        }

        // Named after the content too: a writer that loses the race for the row cannot replace the winner's blob.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
        var name = $"{blobName}-{hash}";
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), overwrite: true, cancellationToken);
        row[column + "Blob"] = name;
    }

    public async Task<string?> GetAsync(TableEntity row, string column, CancellationToken cancellationToken)
    {
        if (row.GetString(column + "Blob") is not { } blobName)
        {
            return row.GetString(column);
        }

        var content = await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
        return content.Value.Content.ToString();
    }

    public async Task DeleteUnderAsync(string prefix, CancellationToken cancellationToken)
    {
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }
    }
}
