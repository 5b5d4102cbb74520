namespace MediaFunctions.Core.Uploads;

/// <summary>An upload session as stored: the blob a client writes in blocks, and what became of it.</summary>
/// <param name="Id"><c>up-</c> and 32 hex digits.</param>
/// <param name="KeyId">The key that owns it; no other key can see or use it.</param>
/// <param name="Size">The bytes the client said it will send; completion checks them.</param>
/// <param name="BlockSize">The bytes of every block but the last (which is shorter), from <see cref="UploadOptions.BlockSize"/>.</param>
/// <param name="BlobName">Its blob in the inputs container, under the key's prefix.</param>
/// <param name="Status">An <see cref="UploadStatus"/>.</param>
/// <param name="Media">What ffprobe found, once ready.</param>
/// <param name="JobId">The job that took it, once used.</param>
public sealed record UploadSession(
    string Id,
    string KeyId,
    string? Name,
    string? ContentType,
    long Size,
    int BlockSize,
    string BlobName,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    string Status,
    UploadMedia? Media = null,
    string? JobId = null)
{
    /// <summary>How many blocks <see cref="Size"/> bytes take.</summary>
    public int BlockCount => (int)((Size + BlockSize - 1) / BlockSize);

    /// <summary>The bytes block <paramref name="index"/> must hold.</summary>
    public long BlockLength(int index) => index < BlockCount - 1 ? BlockSize : Size - ((long)(BlockCount - 1) * BlockSize);
}
