using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Workflows.Download;

/// <summary>
/// Stores a download's files where the job keeps them: our outputs container (linked later, when the job
/// publishes), or the caller's own storage, which answers with the file's read link. Overwrites a retried step's files.
/// </summary>
public sealed class DownloadFileStore(JobOutputPublisher publisher, InlineStorageWriter inlineStorage, IOptions<JobOptions> options)
{
    /// <summary>Where a file of the job goes in our outputs container.</summary>
    public static string OutputBlob(DownloadJob job, string fileName) => MediaContainers.OutputBlob(job.KeyId, job.JobId, RelativeName(job, fileName));

    /// <summary>Stores a local file of the job under <paramref name="fileName"/> (in the request's folder, if it names one).</summary>
    public async Task<JobOutput> StoreAsync(DownloadJob job, string path, string fileName, string format, string mimeType, string role,
        CancellationToken cancellationToken)
    {
        var size = new FileInfo(path).Length;
        if (job.Storage is { } storage)
        {
            var stored = await inlineStorage.UploadAsync(storage, RelativeName(job, fileName), path, mimeType, options.Value.LinkLifetime, cancellationToken);
            return new JobOutput(format, "", fileName, mimeType, size, 0, "", false, stored.ReadUrl.AbsoluteUri, stored.ExpiresAt,
                Role: role, StorageLocation: stored.Location);
        }

        var blobName = OutputBlob(job, fileName);
        await publisher.UploadAsync(blobName, path, mimeType, job.Persistent, cancellationToken);
        return new JobOutput(format, blobName, fileName, mimeType, size, 0, "", false, Role: role);
    }

    private static string RelativeName(DownloadJob job, string fileName) =>
        job.Request.Folder is { } prefix ? $"{prefix.TrimEnd('/', '\\')}/{fileName}" : fileName;
}
