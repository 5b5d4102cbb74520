namespace MediaFunctions.Core.InlineStorage;

/// <summary>The kinds of storage a job's outputs can be written to instead of the service's own container.</summary>
public enum InlineStorageProvider
{
    /// <summary>Amazon S3 or any S3-compatible service (R2, MinIO, Wasabi…): <c>"s3"</c>.</summary>
    S3,

    /// <summary>Google Cloud Storage through its S3 interoperability API with HMAC keys: <c>"gcs"</c>.</summary>
    Gcs,

    /// <summary>Alibaba Cloud OSS through its S3-compatible API: <c>"oss"</c>.</summary>
    Oss,

    /// <summary>Azure Blob Storage: <c>"azure"</c>.</summary>
    Azure,
}
