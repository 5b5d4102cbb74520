using Azure.Storage.Blobs;
using Azure.Storage.Sas;

namespace MediaFunctions.Core.Links;

/// <summary>
/// Issues SAS links to one blob each (read links for files, write-only links for uploads): signed with the account key where the client has one
/// (Azurite, connection strings), otherwise with a user delegation key (managed identity in Azure).
/// </summary>
public sealed class SasLinkIssuer(BlobServiceClient blobs, TimeProvider timeProvider)
{
    // Clock skew between this machine and storage must not make a fresh link invalid.
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    /// <summary>A link that reads the blob until <paramref name="expiresAt"/>; with a file name, browsers save it under that name.</summary>
    public async Task<Uri> IssueReadLinkAsync(string container, string blobName, DateTimeOffset expiresAt, string? downloadFileName = null, CancellationToken cancellationToken = default)
    {
        var blob = blobs.GetBlobContainerClient(container).GetBlobClient(blobName);
        var startsOn = timeProvider.GetUtcNow() - Skew;
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresAt)
        {
            BlobContainerName = container,
            BlobName = blobName,
            Resource = "b",
            StartsOn = startsOn,
            ContentDisposition = downloadFileName is null ? null : $"attachment; filename=\"{downloadFileName}\"",
        };
        return await SignAsync(blob, sas, cancellationToken);
    }

    /// <summary>
    /// A link that can only write (Put Block, Put Block List) the one blob until <paramref name="expiresAt"/>: not read it,
    /// not list, not reach another name. What an upload session hands a client.
    /// </summary>
    public Task<Uri> IssueWriteLinkAsync(string container, string blobName, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var blob = blobs.GetBlobContainerClient(container).GetBlobClient(blobName);
        var sas = new BlobSasBuilder(BlobSasPermissions.Write, expiresAt)
        {
            BlobContainerName = container,
            BlobName = blobName,
            Resource = "b",
            StartsOn = timeProvider.GetUtcNow() - Skew,
        };
        return SignAsync(blob, sas, cancellationToken);
    }

    private async Task<Uri> SignAsync(BlobClient blob, BlobSasBuilder sas, CancellationToken cancellationToken)
    {
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(sas);
        }

        var key = await blobs.GetUserDelegationKeyAsync(sas.StartsOn, sas.ExpiresOn, cancellationToken);
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key.Value, blobs.AccountName) }.ToUri();
    }
}
