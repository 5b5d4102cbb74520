namespace MediaFunctions.Core.InlineStorage;

/// <summary>An output written to inline storage.</summary>
/// <param name="Location">
/// Its plain, credential-free address: <c>s3://bucket/key</c> (<c>gs://</c> for GCS, <c>oss://</c> for OSS)
/// or the blob's URL for Azure.
/// </param>
/// <param name="ReadUrl">
/// A link that reads it without credentials until <paramref name="ExpiresAt"/>: a presigned GET, or a read SAS
/// for Azure with an account key. With an Azure <c>sas_token</c> the service cannot sign a narrower link, so
/// this is the plain blob URL, readable only as the container allows.
/// </param>
/// <param name="ExpiresAt">When <paramref name="ReadUrl"/> stops working; null when the service did not sign it.</param>
public sealed record InlineStoredFile(string Location, Uri ReadUrl, DateTimeOffset? ExpiresAt);
