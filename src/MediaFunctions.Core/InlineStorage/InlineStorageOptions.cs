using System.ComponentModel.DataAnnotations;

namespace MediaFunctions.Core.InlineStorage;

/// <summary>How outputs are written to inline storage, bound from the "InlineStorage" section.</summary>
public sealed class InlineStorageOptions
{
    public const string SectionName = "InlineStorage";

    /// <summary>The smallest part S3 accepts in a multipart upload (the last part excepted).</summary>
    public const long MinPartSizeBytes = 5L * 1024 * 1024;

    /// <summary>The largest part size this service uses; S3 allows 5 GiB but each part is signed and retried whole.</summary>
    public const long MaxPartSizeBytes = 512L * 1024 * 1024;

    /// <summary>
    /// Files up to this size go in one request; larger ones in parts of this size (S3 multipart, Azure blocks).
    /// A failed part is retried alone; 10,000 parts of the default 16 MiB allow files up to 156 GiB.
    /// </summary>
    [Range(MinPartSizeBytes, MaxPartSizeBytes)]
    public long PartSizeBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>How long <see cref="InlineStorageVerifier"/> waits for the storage to accept its test write.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan VerifyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
