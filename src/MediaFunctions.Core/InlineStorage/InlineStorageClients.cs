using Amazon.Runtime;
using Amazon.S3;
using Azure;
using Azure.Core.Pipeline;
using Azure.Storage;
using Azure.Storage.Blobs;
using MediaFunctions.Core.Sources.Egress;

namespace MediaFunctions.Core.InlineStorage;

/// <summary>
/// Makes the S3 and Azure Blob clients that write to a user's storage. Every connection either client opens
/// goes through <see cref="GuardedConnector"/>, so the endpoint (and, for virtual-hosted S3, the bucket's host)
/// is held to the address rules on each connection, whatever a later DNS answer says.
/// </summary>
public sealed class InlineStorageClients : IDisposable
{
    // NOTE: generous because one request carries a whole part; the caller's token bounds the job as a whole.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(10);

    private readonly SocketsHttpHandler _handler;

    public InlineStorageClients(GuardedConnector connector)
    {
        _handler = connector.CreateHandler(connectTimeout: TimeSpan.FromSeconds(15));
    }

    /// <summary>An S3 client for provider s3, gcs or oss, signing with the request's keys and region.</summary>
    internal AmazonS3Client CreateS3(InlineStorageRequest request, int maxErrorRetry)
    {
        var endpoint = request.ResolvedEndpoint;
        var config = new AmazonS3Config
        {
            ServiceURL = endpoint.GetLeftPart(UriPartial.Authority),
            AuthenticationRegion = request.ResolvedRegion,
            // AWS and OSS address buckets by host name (OSS refuses path style); other S3-compatible services
            // (R2, MinIO, GCS, s3rver) may only have the endpoint's name, so the bucket goes in the path.
            ForcePathStyle = request.ParsedProvider != InlineStorageProvider.Oss && !IsAmazonHost(endpoint.Host),
            // Only AWS knows the newer flexible checksums; GCS, OSS, R2 and older S3 servers refuse them.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = maxErrorRetry,
            HttpClientFactory = new GuardedS3HttpClientFactory(_handler),
        };
        return new AmazonS3Client(new BasicAWSCredentials(request.AccessKey!.Trim(), request.SecretKey!.Trim()), config);
    }

    /// <summary>A client for the request's Azure container, with its account key or SAS token.</summary>
    internal BlobContainerClient CreateAzure(InlineStorageRequest request, int maxRetries)
    {
        var options = new BlobClientOptions { Transport = new HttpClientTransport(CreateHttpClient()) };
        options.Retry.MaxRetries = maxRetries;
        var containerUri = new Uri(request.ResolvedEndpoint.AbsoluteUri.TrimEnd('/') + "/" + request.BucketOrContainer);
        return string.IsNullOrWhiteSpace(request.SasToken)
            ? new BlobContainerClient(containerUri, new StorageSharedKeyCredential(request.AccountName!.Trim(), request.AccountKey!.Trim()), options)
            : new BlobContainerClient(containerUri, new AzureSasCredential(request.SasToken.Trim()), options);
    }

    public void Dispose() => _handler.Dispose();

    // Each client shares the one guarded handler (and its connection pool); disposing a client leaves it open.
    private HttpClient CreateHttpClient() => new(_handler, disposeHandler: false) { Timeout = RequestTimeout };

    private static bool IsAmazonHost(string host) =>
        host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase);

    private sealed class GuardedS3HttpClientFactory(SocketsHttpHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(handler, disposeHandler: false) { Timeout = RequestTimeout };

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }
}
