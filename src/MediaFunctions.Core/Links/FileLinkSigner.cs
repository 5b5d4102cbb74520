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
        return $"{Base64Url(payload)}.{Base64Url(mac)}";
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

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
