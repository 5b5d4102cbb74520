using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Storage;

namespace MediaFunctions.Core.InlineStorage;

/// <summary>
/// Seals inline storage settings before they enter an orchestration (ARCHITECTURE §9) and opens them in the
/// activity that writes the outputs. AES-256-GCM under a key every host shares through a blob in the work
/// container, made once; a sealed value that was altered, or sealed under another key, does not open.
/// </summary>
public sealed class InlineStorageProtector
{
    /// <summary>The blob in the work container that holds the key.</summary>
    public const string KeyBlobName = "_system/inline-storage-key";

    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    // Binds the ciphertext to its purpose: another feature's value sealed under the same key does not open here.
    private static readonly byte[] AssociatedData = "MediaFunctions.InlineStorage.v1"u8.ToArray();

    private readonly SystemSecret _key;

    public InlineStorageProtector(BlobServiceClient blobs)
        : this(blobs, KeyBlobName)
    {
    }

    internal InlineStorageProtector(BlobServiceClient blobs, string keyBlobName) => _key = new(blobs, keyBlobName);

    /// <summary>The settings sealed, with their provider, bucket and prefix in the clear.</summary>
    /// <exception cref="InvalidJobInputException"><c>invalid_field</c> when <see cref="InlineStorageRequest.Validate"/> finds anything wrong.</exception>
    public async Task<ProtectedInlineStorage> ProtectAsync(InlineStorageRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            throw InvalidJobInputException.InvalidFields(errors);
        }

        var key = await _key.GetAsync(cancellationToken);
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(request);
        var sealedBytes = new byte[HeaderSize + plaintext.Length];
        sealedBytes[0] = FormatVersion;
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(1, NonceSize));
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Encrypt(sealedBytes.AsSpan(1, NonceSize), plaintext, sealedBytes.AsSpan(HeaderSize), sealedBytes.AsSpan(1 + NonceSize, TagSize), AssociatedData);
        }

        CryptographicOperations.ZeroMemory(plaintext);
        return new ProtectedInlineStorage(
            Convert.ToBase64String(sealedBytes),
            request.Provider!.Trim().ToLowerInvariant(),
            request.BucketOrContainer!,
            request.KeyPrefix);
    }

    /// <summary>The settings <paramref name="storage"/> was sealed from.</summary>
    /// <exception cref="CryptographicException">The value was altered, is not one this service sealed, or was sealed under another key.</exception>
    public async Task<InlineStorageRequest> UnprotectAsync(ProtectedInlineStorage storage, CancellationToken cancellationToken = default)
    {
        var sealedBytes = new byte[storage.Ciphertext.Length];
        if (!Convert.TryFromBase64String(storage.Ciphertext, sealedBytes, out var length) || length <= HeaderSize || sealedBytes[0] != FormatVersion)
        {
            throw Unreadable(null);
        }

        var key = await _key.GetAsync(cancellationToken);
        var plaintext = new byte[length - HeaderSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(1, NonceSize), sealedBytes.AsSpan(HeaderSize, plaintext.Length), sealedBytes.AsSpan(1 + NonceSize, TagSize), plaintext, AssociatedData);
            return JsonSerializer.Deserialize<InlineStorageRequest>(plaintext) ?? throw Unreadable(null);
        }
        catch (AuthenticationTagMismatchException mismatch)
        {
            throw Unreadable(mismatch);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static CryptographicException Unreadable(Exception? innerException) => new(
        "The sealed inline storage settings were altered or sealed under another key; they cannot be opened.", innerException);
}
