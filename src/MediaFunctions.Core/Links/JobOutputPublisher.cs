using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Links;

/// <summary>
/// Puts a job's files in the outputs container and gives each its link: a read SAS that expires
/// after the link lifetime, or for persistent jobs the token of a stable link that never expires.
/// </summary>
public sealed class JobOutputPublisher(BlobServiceClient blobs, SasLinkIssuer links, FileLinkSigner signer, IOptions<JobOptions> options,
    TimeProvider timeProvider)
{
    /// <summary>The index tag that marks files the storage lifecycle rule may delete (infra/app/storage.bicep).</summary>
    public const string PersistentTag = "persistent";

    /// <summary>
    /// Uploads a local file as an output blob, overwriting a previous attempt's. Files of jobs that are not
    /// persistent are tagged <c>persistent=false</c>: in Azure a lifecycle rule deletes them a day later
    /// should the cleanup timer ever miss them.
    /// </summary>
    public async Task UploadAsync(string blobName, string path, string mimeType, bool persistent, CancellationToken cancellationToken = default)
    {
        var upload = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = mimeType },
            Tags = Tags(persistent),
            TransferValidation = JobFiles.Md5Validation,
        };
        await OutputBlob(blobName).UploadAsync(path, upload, cancellationToken);
    }

    /// <summary>
    /// Starts uploading a file that is still being written (ffmpeg's output) as an output blob, as
    /// <see cref="UploadAsync"/> would once it is done; call <see cref="GrowingFileUpload.CommitAsync"/> when it is.
    /// </summary>
    public GrowingFileUpload StartUpload(string blobName, string path, string mimeType, bool persistent, CancellationToken cancellationToken = default) =>
        GrowingFileUpload.Start(blobs.GetBlobContainerClient(MediaContainers.Outputs).GetBlockBlobClient(blobName), path,
            new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = mimeType }, Tags = Tags(persistent) }, cancellationToken);

    /// <summary>The outputs with their links; the SAS links of one job all expire together.</summary>
    public async Task<IReadOnlyList<JobOutput>> LinkAsync(IReadOnlyList<JobOutput> outputs, bool persistent, CancellationToken cancellationToken = default)
    {
        var expiresAt = timeProvider.GetUtcNow() + options.Value.LinkLifetime;
        var linked = new List<JobOutput>(outputs.Count);
        foreach (var output in outputs)
        {
            linked.Add(persistent
                ? output with { FileToken = await signer.SignAsync(output.BlobName, cancellationToken) }
                : output with
                {
                    Url = (await links.IssueReadLinkAsync(MediaContainers.Outputs, output.BlobName, expiresAt, output.FileName, cancellationToken)).AbsoluteUri,
                    ExpiresAt = expiresAt,
                });
        }

        return linked;
    }

    private BlobClient OutputBlob(string blobName) => blobs.GetBlobContainerClient(MediaContainers.Outputs).GetBlobClient(blobName);

    private static Dictionary<string, string>? Tags(bool persistent) => persistent ? null : new() { [PersistentTag] = "false" };
}
