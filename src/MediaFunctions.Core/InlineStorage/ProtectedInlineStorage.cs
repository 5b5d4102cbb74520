namespace MediaFunctions.Core.InlineStorage;

/// <summary>
/// Inline storage settings as an orchestration may hold them: every setting, credentials included, sealed
/// in <see cref="Ciphertext"/> (AES-GCM under a data key of its own, which only the service's hosts can read
/// and which is dropped when the job ends), plus what may be shown in status and logs. Only
/// <see cref="InlineStorageProtector.UnprotectAsync"/> opens it.
/// </summary>
/// <param name="Ciphertext">Base64 of the sealed settings; opaque.</param>
/// <param name="Provider">The provider, lower case: <c>s3</c>, <c>gcs</c>, <c>oss</c> or <c>azure</c>.</param>
/// <param name="Bucket">The bucket, or the container for Azure.</param>
/// <param name="KeyPrefix">Where outputs go inside it (<c>{base_folder}/{folder_prefix}</c>).</param>
public sealed record ProtectedInlineStorage(string Ciphertext, string Provider, string Bucket, string KeyPrefix);
