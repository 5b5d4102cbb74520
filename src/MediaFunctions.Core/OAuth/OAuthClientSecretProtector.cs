using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using MediaFunctions.Core.Storage;

namespace MediaFunctions.Core.OAuth;

/// <summary>
/// Seals client secrets at rest (ARCHITECTURE §9: secrets never stored in the clear). Unlike a key's secret, which is only
/// ever compared and so is stored as a hash, a client secret must be read back to sign the app's webhook JWTs (HS256), so it
/// is encrypted: AES-256-GCM under a key every host shares (<see cref="KeyBlobName"/>), bound to its client id so that a sealed
/// secret copied onto another app's row does not open.
/// </summary>
internal sealed class OAuthClientSecretProtector(BlobServiceClient blobs)
{
    /// <summary>The blob in the system container that holds the key client secrets are sealed under.</summary>
    public const string KeyBlobName = "_system/oauth-client-secret-key";

    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Purpose = "MediaFunctions.OAuth.ClientSecret.v1:"u8.ToArray();

    private readonly SystemSecret _key = new(blobs, KeyBlobName);

    /// <summary>version | nonce | tag | ciphertext, base64.</summary>
    public async Task<string> SealAsync(string clientId, string secret, CancellationToken cancellationToken = default)
    {
        var plaintext = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[1 + NonceSize + TagSize + plaintext.Length];
        sealedBytes[0] = FormatVersion;
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(1, NonceSize));
        using var aes = new AesGcm(await _key.GetAsync(cancellationToken), TagSize);
        aes.Encrypt(sealedBytes.AsSpan(1, NonceSize), plaintext, sealedBytes.AsSpan(1 + NonceSize + TagSize), sealedBytes.AsSpan(1 + NonceSize, TagSize), AssociatedData(clientId));
        return Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The secret sealed for <paramref name="clientId"/>.</summary>
    /// <exception cref="CryptographicException">The value was altered, sealed under another key, or sealed for another app.</exception>
    public async Task<string> OpenAsync(string clientId, string sealedValue, CancellationToken cancellationToken = default)
    {
        var sealedBytes = new byte[sealedValue.Length];
        if (!Convert.TryFromBase64String(sealedValue, sealedBytes, out var length) || length <= 1 + NonceSize + TagSize || sealedBytes[0] != FormatVersion)
        {
            throw new CryptographicException($"The sealed client secret of app '{clientId}' is not one this service sealed.");
        }

        var plaintext = new byte[length - 1 - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(await _key.GetAsync(cancellationToken), TagSize);
            aes.Decrypt(sealedBytes.AsSpan(1, NonceSize), sealedBytes.AsSpan(1 + NonceSize + TagSize, plaintext.Length), sealedBytes.AsSpan(1 + NonceSize, TagSize), plaintext, AssociatedData(clientId));
            return Encoding.UTF8.GetString(plaintext);
        }
        catch (AuthenticationTagMismatchException mismatch)
        {
            throw new CryptographicException($"The sealed client secret of app '{clientId}' was altered or sealed under another key.", mismatch);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] AssociatedData(string clientId) => [.. Purpose, .. Encoding.UTF8.GetBytes(clientId)];
}
