using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.AudioTrack;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Storage;

/// <summary>A job's blobs: staging an upload, and deleting everything a job left.</summary>
public sealed class JobFiles(BlobServiceClient blobs, AudioTrackSplitter splitter, IOptions<JobOptions> options)
{
    /// <summary>How a stream of any length goes into a blob: two 4 MiB blocks in flight bound the memory it takes.</summary>
    public static readonly StorageTransferOptions StreamedUpload = new()
    {
        InitialTransferSize = 4 * 1024 * 1024,
        MaximumTransferSize = 4 * 1024 * 1024,
        MaximumConcurrency = 2,
    };

    /// <summary>
    /// Each block sent with its MD5, which storage checks before keeping it. Azurite, given none, computes a CRC-64 in
    /// JavaScript, which took the CPU a job's ffmpeg needed.
    /// </summary>
    public static UploadTransferValidationOptions Md5Validation => new() { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 };

    /// <summary>Upload options for a streamed file: <see cref="StreamedUpload"/>, with <see cref="Md5Validation"/>.</summary>
    public static BlobUploadOptions StreamedUploadOptions() => new() { TransferOptions = StreamedUpload, TransferValidation = Md5Validation };

    /// <summary>
    /// Streams an upload into the inputs container as it arrives and, on the way, splits its audio
    /// streams into a blob of their own (see <see cref="AudioTrackSplitter"/>). An empty upload or one
    /// over the size cap leaves nothing behind.
    /// </summary>
    public async Task<JobSource> StageUploadAsync(string keyId, string jobId, Stream content, CancellationToken cancellationToken = default)
    {
        var container = blobs.GetBlobContainerClient(MediaContainers.Inputs);
        var input = container.GetBlobClient(MediaContainers.InputBlob(keyId, jobId));
        var audio = container.GetBlobClient(MediaContainers.InputAudioBlob(keyId, jobId));
        var audioPath = Path.Combine(Path.GetTempPath(), $"mediafunctions-{jobId}-audio.mp4");
        var limited = new SizeLimitedStream(content, options.Value.MaxUploadBytes);
        var split = splitter.Start(audioPath, cancellationToken);
        try
        {
            try
            {
                await input.UploadAsync(new AudioTrackTeeStream(limited, split), StreamedUploadOptions(), cancellationToken);
            }
            catch (Exception error)
            {
                await split.CompleteAsync(error).ContinueWith(_ => { }, TaskScheduler.Default);
                await input.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
                throw;
            }

            var audioSplit = await split.CompleteAsync();
            if (limited.BytesRead == 0)
            {
                await input.DeleteIfExistsAsync(cancellationToken: cancellationToken);
                throw new InvalidJobInputException("empty_file", "The uploaded file is empty.");
            }

            if (!audioSplit)
            {
                return JobSource.Staged(input.Name);
            }

            await audio.UploadAsync(audioPath, StreamedUploadOptions(), cancellationToken);
            return JobSource.Staged(input.Name, audio.Name);
        }
        finally
        {
            File.Delete(audioPath);
        }
    }

    /// <summary>Deletes every blob of a job in every container; returns how many there were.</summary>
    public Task<int> DeleteAllAsync(string keyId, string jobId, CancellationToken cancellationToken = default) =>
        DeleteAsync(keyId, jobId, [MediaContainers.Inputs, MediaContainers.Work, MediaContainers.Outputs, MediaContainers.Productions], cancellationToken);

    /// <summary>Deletes a job's blobs in the outputs container only (a production's results, keeping its inputs).</summary>
    public Task<int> DeleteOutputsAsync(string keyId, string jobId, CancellationToken cancellationToken = default) =>
        DeleteAsync(keyId, jobId, [MediaContainers.Outputs], cancellationToken);

    private async Task<int> DeleteAsync(string keyId, string jobId, string[] containers, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var prefix = MediaContainers.JobPrefix(keyId, jobId);
        foreach (var name in containers)
        {
            var container = blobs.GetBlobContainerClient(name);
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
            {
                deleted += await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken) ? 1 : 0;
            }
        }

        return deleted;
    }

    /// <summary>True when the output blob is still there.</summary>
    public async Task<bool> OutputExistsAsync(string blobName, CancellationToken cancellationToken = default) =>
        await blobs.GetBlobContainerClient(MediaContainers.Outputs).GetBlobClient(blobName).ExistsAsync(cancellationToken);
}
