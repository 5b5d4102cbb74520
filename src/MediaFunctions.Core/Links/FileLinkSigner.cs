using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using MediaFunctions.Core.Storage;

namespace MediaFunctions.Core.Links;

/// <summary>
/// Makes and checks the tokens of stable file links (<c>/api/files/{token}</c>): the output blob's
/// name and an HMAC-SHA256 over it. A token is unguessable and works without an API key, like
/// the SAS it stands for. The signing key is shared by every host through a blob in the work
/// container, created once.
/// </summary>
public sealed class FileLinkSigner(BlobServiceClient blobs)
{
    private readonly SystemSecret _key = new(blobs, "_system/file-link-signing-key");

    public async Task<string> SignAsync(string blobName, CancellationToken cancellationToken = default)
    {
        var payload = Encoding.UTF8.GetBytes(blobName);
        var mac = HMACSHA256.HashData(await _key.GetAsync(cancellationToken), payload);
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(mac)}";
    }

    /// <summary>The blob name a token stands for, or null when the token is not one this service signed.</summary>
    public async Task<string?> VerifyAsync(string token, CancellationToken cancellationToken = default)
    {
        var parts = token.Split('.');
        if (parts.Length != 2 || FromBase64Url(parts[0]) is not { } payload || FromBase64Url(parts[1]) is not { } mac)
        {
            return null;
        }

        var expected = HMACSHA256.HashData(await _key.GetAsync(cancellationToken), payload);
        return CryptographicOperations.FixedTimeEquals(expected, mac) ? Encoding.UTF8.GetString(payload) : null;
    }

    private static byte[]? FromBase64Url(string text) => Base64Url.IsValid(text) ? Base64Url.DecodeFromChars(text) : null;
}
