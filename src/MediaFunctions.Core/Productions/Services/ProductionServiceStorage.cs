using Amazon.S3;
using Amazon.S3.Model;
using Azure.Storage;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Jobs;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Productions.Services;

/// <summary>
/// What the <c>s3</c> and <c>azure</c> services do with a user's storage beyond what inline storage already does: check
/// that files can be listed (an incoming service), sign a link that reads one file, and upload a file from a stream.
/// Every connection goes through <see cref="InlineStorageClients"/>, so the address rules hold; failures the storage
/// answered become <see cref="InvalidJobInputException"/>s that name no secret.
/// </summary>
public sealed class ProductionServiceStorage(InlineStorageClients clients, IOptions<InlineStorageOptions> options, TimeProvider timeProvider)
{
    private readonly long _partSize = options.Value.PartSizeBytes;
    private readonly TimeSpan _verifyTimeout = options.Value.VerifyTimeout;

    /// <summary>Lists at most one file under <paramref name="prefix"/>: the credentials may read there.</summary>
    /// <exception cref="InvalidJobInputException"><c>invalid_storage</c> or <c>url_not_allowed</c>.</exception>
    public async Task CheckListableAsync(InlineStorageRequest request, string? prefix, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_verifyTimeout);
        var folder = prefix is null ? null : prefix + "/";
        try
        {
            if (request.ParsedProvider == InlineStorageProvider.Azure)
            {
                var container = clients.CreateAzure(request, maxRetries: 1);
                await foreach (var _ in container.GetBlobsAsync(new GetBlobsOptions { Prefix = folder }, timeout.Token).AsPages(pageSizeHint: 1))
                {
                    break;
                }
            }
            else
            {
                using var s3 = clients.CreateS3(request, maxErrorRetry: 1);
                await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = request.BucketOrContainer, Prefix = folder, MaxKeys = 1 }, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw InlineStorageFailures.TimedOut(request, _verifyTimeout);
        }
        catch (Exception failure) when (InlineStorageFailures.Describe(failure, request, includeNetwork: true) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>
    /// A link that reads <paramref name="key"/> for <paramref name="lifetime"/>: a presigned GET (S3), a read SAS (Azure
    /// with an account key) or the blob's URL with the service's own SAS token. Signing needs no request to the storage.
    /// </summary>
    public async Task<Uri> GetReadLinkAsync(InlineStorageRequest request, string key, TimeSpan lifetime)
    {
        var expiresAt = timeProvider.GetUtcNow() + lifetime;
        if (request.ParsedProvider == InlineStorageProvider.Azure)
        {
            var blob = clients.CreateAzure(request, maxRetries: 0).GetBlobClient(key);
            // NOTE: with a sas_token the service cannot sign a narrower link: the token itself goes in the link.
            return blob.CanGenerateSasUri
                ? blob.GenerateSasUri(BlobSasPermissions.Read, expiresAt)
                : new UriBuilder(blob.Uri) { Query = request.SasToken!.Trim().TrimStart('?') }.Uri;
        }

        using var s3 = clients.CreateS3(request, maxErrorRetry: 0);
        return new Uri(await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = request.BucketOrContainer,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = expiresAt.UtcDateTime,
            Protocol = request.ResolvedEndpoint.Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS,
        }));
    }

    /// <summary>
    /// Uploads <paramref name="length"/> bytes of <paramref name="content"/> as <paramref name="key"/>, holding at most one
    /// part (<see cref="InlineStorageOptions.PartSizeBytes"/>) in memory: one request up to a part, parts beyond (an S3
    /// multipart upload, aborted when it fails; Azure blocks, never visible unless committed).
    /// </summary>
    /// <exception cref="InvalidJobInputException"><c>invalid_storage</c> or <c>url_not_allowed</c>: the storage refused.</exception>
    public async Task UploadAsync(InlineStorageRequest request, string key, Stream content, long length, string contentType,
        CancellationToken cancellationToken = default)
    {
        try
        {
            if (request.ParsedProvider == InlineStorageProvider.Azure)
            {
                await clients.CreateAzure(request, maxRetries: 3).GetBlobClient(key).UploadAsync(content, new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                    TransferOptions = new StorageTransferOptions { InitialTransferSize = _partSize, MaximumTransferSize = _partSize, MaximumConcurrency = 1 },
                }, cancellationToken);
            }
            else
            {
                await UploadToS3Async(request, key, content, length, contentType, cancellationToken);
            }
        }
        catch (Exception failure) when (InlineStorageFailures.Describe(failure, request, includeNetwork: false) is { } refusal)
        {
            throw refusal;
        }
    }

    private async Task UploadToS3Async(InlineStorageRequest request, string key, Stream content, long length, string contentType,
        CancellationToken cancellationToken)
    {
        using var s3 = clients.CreateS3(request, maxErrorRetry: 3);
        var bucket = request.BucketOrContainer!;
        // NOTE: each part is read into memory first: a signed request needs its body's hash (S3-compatible services
        // do not all take aws-chunked bodies), and a part held whole can be retried by the SDK.
        var buffer = new byte[(int)Math.Min(_partSize, Math.Max(length, 1))];
        if (length <= _partSize)
        {
            await content.ReadExactlyAsync(buffer.AsMemory(0, (int)length), cancellationToken);
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                InputStream = new MemoryStream(buffer, 0, (int)length, writable: false),
                ContentType = contentType,
                UseChunkEncoding = false,
            }, cancellationToken);
            return;
        }

        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key, ContentType = contentType }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            var partNumber = 1;
            for (long position = 0; position < length; position += _partSize, partNumber++)
            {
                var size = (int)Math.Min(_partSize, length - position);
                await content.ReadExactlyAsync(buffer.AsMemory(0, size), cancellationToken);
                var part = await s3.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = bucket,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartNumber = partNumber,
                    InputStream = new MemoryStream(buffer, 0, size, writable: false),
                    PartSize = size,
                    UseChunkEncoding = false,
                }, cancellationToken);
                parts.Add(new PartETag(partNumber, part.ETag));
            }

            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId, PartETags = parts },
                cancellationToken);
        }
        catch
        {
            // Parts already sent are billed storage until aborted, and the production may have been cancelled: abort regardless.
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
}
