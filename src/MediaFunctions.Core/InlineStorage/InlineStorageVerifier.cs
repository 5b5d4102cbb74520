using Amazon.S3.Model;
using Azure.Storage.Blobs;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Sources;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.InlineStorage;

/// <summary>
/// Checks inline storage settings before a job is accepted: the endpoint is one the service may connect to,
/// and the credentials can write where the outputs will go (a small marker object is written under the
/// prefix and deleted again).
/// </summary>
public sealed class InlineStorageVerifier(UrlSourcePolicy policy, InlineStorageClients clients, IOptions<InlineStorageOptions> options)
{
    /// <summary>The name of the marker object, under the request's <see cref="InlineStorageRequest.KeyPrefix"/>.</summary>
    public const string MarkerName = ".mediafunctions-write-check";

    private static readonly BinaryData MarkerContent = BinaryData.FromString("MediaFunctions checked that it can write here; this object is deleted right away.");

    private readonly TimeSpan _timeout = options.Value.VerifyTimeout;

    /// <summary>Returns when the settings can be used; throws otherwise.</summary>
    /// <exception cref="InvalidJobInputException">
    /// <c>invalid_field</c> when <see cref="InlineStorageRequest.Validate"/> finds anything wrong;
    /// <c>url_not_allowed</c> when the endpoint is a private, loopback or link-local address the settings do
    /// not allow; <c>invalid_storage</c> when the endpoint cannot be reached or refuses the write (the message
    /// names the problem: the access key, the signature, the bucket…, never a secret).
    /// </exception>
    public async Task VerifyAsync(InlineStorageRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            throw InvalidJobInputException.InvalidFields(errors);
        }

        try
        {
            await policy.CheckAsync(request.ResolvedEndpoint.AbsoluteUri, cancellationToken);
        }
        catch (InvalidJobInputException refusal)
        {
            throw new InvalidJobInputException(
                refusal.Code == UrlSourcePolicy.NotAllowedCode ? refusal.Code : InlineStorageFailures.Code,
                $"storage.endpoint: {refusal.Message}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var marker = InlineStorageKeys.Combine(request.KeyPrefix, MarkerName);
        try
        {
            if (request.ParsedProvider == InlineStorageProvider.Azure)
            {
                await WriteMarkerToAzureAsync(request, marker, timeout.Token);
            }
            else
            {
                await WriteMarkerToS3Async(request, marker, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw InlineStorageFailures.TimedOut(request, _timeout);
        }
        catch (Exception failure) when (InlineStorageFailures.Describe(failure, request, includeNetwork: true) is { } refusal)
        {
            throw refusal;
        }
    }

    private async Task WriteMarkerToS3Async(InlineStorageRequest request, string marker, CancellationToken cancellationToken)
    {
        // One retry: a bad key is refused at once, and an unreachable endpoint should not hold up the request.
        using var s3 = clients.CreateS3(request, maxErrorRetry: 1);
        var bucket = request.BucketOrContainer!;
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = marker,
            ContentBody = MarkerContent.ToString(),
            ContentType = "text/plain",
            UseChunkEncoding = false,
        }, cancellationToken);
        // NOTE: credentials that may write but not delete still pass; the marker then stays, which is harmless.
        try
        {
            await s3.DeleteObjectAsync(bucket, marker, cancellationToken);
        }
        catch (Amazon.S3.AmazonS3Exception)
        {
        }
    }

    private async Task WriteMarkerToAzureAsync(InlineStorageRequest request, string marker, CancellationToken cancellationToken)
    {
        var container = clients.CreateAzure(request, maxRetries: 1);
        BlobClient blob = container.GetBlobClient(marker);
        await blob.UploadAsync(MarkerContent, overwrite: true, cancellationToken);
        try
        {
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
        catch (Azure.RequestFailedException)
        {
            // See the S3 case: write-only credentials leave the marker behind.
        }
    }
}
