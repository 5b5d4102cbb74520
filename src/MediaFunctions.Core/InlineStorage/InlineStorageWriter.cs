using Amazon.S3;
using Amazon.S3.Model;
using Azure.Storage;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using MediaFunctions.Core.Jobs;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.InlineStorage;

/// <summary>
/// Writes a job's output file to the user's own storage and signs a read link for it. The file is streamed
/// from disk, in one request up to <see cref="InlineStorageOptions.PartSizeBytes"/> and in parts beyond; an
/// upload that fails leaves no object behind (an unfinished S3 multipart upload is aborted; uncommitted Azure
/// blocks are never visible).
/// </summary>
public sealed class InlineStorageWriter(InlineStorageProtector protector, InlineStorageClients clients, IOptions<InlineStorageOptions> options,
    TimeProvider timeProvider)
{
    /// <summary>The longest lifetime of a presigned S3 link (SigV4 allows seven days).</summary>
    public static readonly TimeSpan MaxLinkLifetime = TimeSpan.FromDays(7);

    private readonly long _partSize = options.Value.PartSizeBytes;

    /// <summary>
    /// Uploads <paramref name="localFilePath"/> as <c>{base_folder}/{folder_prefix}/{relativePath}</c> and returns
    /// where it is and a link that reads it for <paramref name="linkLifetime"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="relativePath"/> is empty, absolute or contains <c>..</c>; or the lifetime is out of range.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException"><paramref name="storage"/> does not open.</exception>
    /// <exception cref="InvalidJobInputException">
    /// <c>invalid_storage</c> when the storage refuses the write (key revoked, bucket deleted…) or
    /// <c>url_not_allowed</c> when the endpoint now leads to an address the rules refuse; the message names no secret.
    /// </exception>
    public async Task<InlineStoredFile> UploadAsync(ProtectedInlineStorage storage, string relativePath, string localFilePath, string contentType,
        TimeSpan linkLifetime, CancellationToken cancellationToken = default)
    {
        var relativeKey = InlineStorageKeys.Combine(relativePath);
        if (relativeKey.Length == 0 || relativePath.StartsWith('/') || relativeKey.Split('/').Contains(".."))
        {
            throw new ArgumentException($"'{relativePath}' is not a relative path of segments without '..'.", nameof(relativePath));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(linkLifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(linkLifetime, MaxLinkLifetime);
        var request = await protector.UnprotectAsync(storage, cancellationToken);
        var key = InlineStorageKeys.Combine(request.KeyPrefix, relativeKey);
        try
        {
            return request.ParsedProvider == InlineStorageProvider.Azure
                ? await UploadToAzureAsync(request, key, localFilePath, contentType, linkLifetime, cancellationToken)
                : await UploadToS3Async(request, key, localFilePath, contentType, linkLifetime, cancellationToken);
        }
        catch (Exception failure) when (InlineStorageFailures.Describe(failure, request, includeNetwork: false) is { } refusal)
        {
            // Network failures are left as they are: the activity's retry policy may get through next time.
            throw refusal;
        }
    }

    private async Task<InlineStoredFile> UploadToS3Async(InlineStorageRequest request, string key, string localFilePath, string contentType,
        TimeSpan linkLifetime, CancellationToken cancellationToken)
    {
        using var s3 = clients.CreateS3(request, maxErrorRetry: 3);
        var bucket = request.BucketOrContainer!;
        var length = new FileInfo(localFilePath).Length;
        if (length <= _partSize)
        {
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                FilePath = localFilePath,
                ContentType = contentType,
                // GCS and OSS do not take aws-chunked bodies; a file can be read twice (hash, then send) instead.
                UseChunkEncoding = false,
            }, cancellationToken);
        }
        else
        {
            await UploadPartsToS3Async(s3, bucket, key, localFilePath, length, contentType, cancellationToken);
        }

        var expiresAt = timeProvider.GetUtcNow() + linkLifetime;
        var readUrl = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = expiresAt.UtcDateTime,
            Protocol = request.ResolvedEndpoint.Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS,
        });
        var scheme = request.ParsedProvider switch
        {
            InlineStorageProvider.Gcs => "gs",
            InlineStorageProvider.Oss => "oss",
            _ => "s3",
        };
        return new InlineStoredFile($"{scheme}://{bucket}/{key}", new Uri(readUrl), expiresAt);
    }

    private async Task UploadPartsToS3Async(AmazonS3Client s3, string bucket, string key, string localFilePath, long length, string contentType,
        CancellationToken cancellationToken)
    {
        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key, ContentType = contentType }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            var partNumber = 1;
            for (long position = 0; position < length; position += _partSize, partNumber++)
            {
                var part = await s3.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = bucket,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartNumber = partNumber,
                    FilePath = localFilePath,
                    FilePosition = position,
                    PartSize = Math.Min(_partSize, length - position),
                    UseChunkEncoding = false,
                }, cancellationToken);
                parts.Add(new PartETag(partNumber, part.ETag));
            }

            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket,
                Key = key,
                UploadId = upload.UploadId,
                PartETags = parts,
            }, cancellationToken);
        }
        catch
        {
            // Parts already sent are billed storage until aborted, and the job may have been cancelled: abort regardless.
            using var abortTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId }, abortTimeout.Token);
            }
            catch (Exception abortFailure) when (abortFailure is AmazonS3Exception or HttpRequestException or OperationCanceledException)
            {
                // NOTE: the upload's own failure is what the caller needs; a lifecycle rule on the bucket is the backstop.
            }

            throw;
        }
    }

    private async Task<InlineStoredFile> UploadToAzureAsync(InlineStorageRequest request, string key, string localFilePath, string contentType,
        TimeSpan linkLifetime, CancellationToken cancellationToken)
    {
        var blob = clients.CreateAzure(request, maxRetries: 3).GetBlobClient(key);
        await blob.UploadAsync(localFilePath, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            TransferOptions = new StorageTransferOptions { InitialTransferSize = _partSize, MaximumTransferSize = _partSize },
        }, cancellationToken);
        if (!blob.CanGenerateSasUri)
        {
            return new InlineStoredFile(blob.Uri.AbsoluteUri, blob.Uri, null);
        }

        var expiresAt = timeProvider.GetUtcNow() + linkLifetime;
        return new InlineStoredFile(blob.Uri.AbsoluteUri, blob.GenerateSasUri(BlobSasPermissions.Read, expiresAt), expiresAt);
    }
}
