using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Storage;

namespace MediaFunctions.Core.InlineStorage;

/// <summary>
/// Seals inline storage settings before they enter an orchestration (ARCHITECTURE §9), opens them in the
/// activity that writes the outputs, and drops them when the job ends. Each sealed value has a data key of
/// its own (AES-256-GCM), kept in a blob of the system container wrapped under a key every host shares;
/// <see cref="ForgetAsync"/> deletes that blob, after which the sealed value left in the job's history opens
/// nowhere. A sealed value that was altered, or sealed under another key, does not open either.
/// </summary>
public sealed class InlineStorageProtector
{
    /// <summary>The blob in the system container that holds the key every data key is wrapped under.</summary>
    public const string KeyBlobName = "_system/inline-storage-key";

    /// <summary>Where the wrapped data keys live in the system container, one blob per sealed value.</summary>
    public const string DataKeyFolder = "_system/inline-storage-keys/";

    private const byte FormatVersion = 2;
    private const int DataKeyIdSize = 16;
    private const int DataKeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + DataKeyIdSize + NonceSize + TagSize;

    // Binds each ciphertext to its purpose and its data key: another feature's value, or a value pointed at another key, does not open here.
    private static readonly byte[] SettingsPurpose = "MediaFunctions.InlineStorage.v2"u8.ToArray();
    private static readonly byte[] DataKeyPurpose = "MediaFunctions.InlineStorage.DataKey.v2"u8.ToArray();

    private readonly SystemSecret _wrappingKey;
    private readonly BlobServiceClient _blobs;

    public InlineStorageProtector(BlobServiceClient blobs)
        : this(blobs, KeyBlobName)
    {
    }

    internal InlineStorageProtector(BlobServiceClient blobs, string keyBlobName)
    {
        _blobs = blobs;
        _wrappingKey = new(blobs, keyBlobName);
    }

    /// <summary>The settings sealed under a new data key, with their provider, bucket and prefix in the clear.</summary>
    /// <exception cref="InvalidJobInputException"><c>invalid_field</c> when <see cref="InlineStorageRequest.Validate"/> finds anything wrong.</exception>
    public async Task<ProtectedInlineStorage> ProtectAsync(InlineStorageRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            throw InvalidJobInputException.InvalidFields(errors);
        }

        var wrappingKey = await _wrappingKey.GetAsync(cancellationToken);
        var dataKeyId = RandomNumberGenerator.GetBytes(DataKeyIdSize);
        var dataKey = RandomNumberGenerator.GetBytes(DataKeySize);
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(request);
        try
        {
            var wrapped = Seal(wrappingKey, dataKey, Purpose(DataKeyPurpose, dataKeyId));
            await DataKeyBlob(dataKeyId).UploadAsync(BinaryData.FromBytes(wrapped), overwrite: false, cancellationToken);
            var sealedBytes = Seal(dataKey, plaintext, Purpose(SettingsPurpose, dataKeyId));
            return new ProtectedInlineStorage(
                Convert.ToBase64String([FormatVersion, .. dataKeyId, .. sealedBytes]),
                request.Provider!.Trim().ToLowerInvariant(),
                request.BucketOrContainer!,
                request.KeyPrefix);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>The settings <paramref name="storage"/> was sealed from.</summary>
    /// <exception cref="CryptographicException">
    /// The value was altered, is not one this service sealed, was sealed under another key, or its job has ended (<see cref="ForgetAsync"/>).
    /// </exception>
    public async Task<InlineStorageRequest> UnprotectAsync(ProtectedInlineStorage storage, CancellationToken cancellationToken = default)
    {
        var sealedBytes = Decode(storage);
        var dataKeyId = sealedBytes.AsSpan(1, DataKeyIdSize).ToArray();
        BinaryData wrapped;
        try
        {
            wrapped = (await DataKeyBlob(dataKeyId).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            // Sealed by an earlier version, which kept data keys in the work container.
            var earlier = EarlierDataKeyBlob(dataKeyId);
            wrapped = await earlier.ExistsAsync(cancellationToken) ? (await earlier.DownloadContentAsync(cancellationToken)).Value.Content
                : throw new CryptographicException("The sealed inline storage settings were dropped when their job ended; they cannot be opened.", missing);
        }

        var dataKey = Open(await _wrappingKey.GetAsync(cancellationToken), wrapped.ToArray(), Purpose(DataKeyPurpose, dataKeyId));
        var plaintext = Open(dataKey, sealedBytes.AsSpan(1 + DataKeyIdSize).ToArray(), Purpose(SettingsPurpose, dataKeyId));
        try
        {
            return JsonSerializer.Deserialize<InlineStorageRequest>(plaintext) ?? throw Unreadable(null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// Drops the data key <paramref name="storage"/> was sealed under, so it never opens again. Idempotent;
    /// a value that is not one this service sealed has nothing to drop.
    /// </summary>
    public async Task ForgetAsync(ProtectedInlineStorage storage, CancellationToken cancellationToken = default)
    {
        byte[] sealedBytes;
        try
        {
            sealedBytes = Decode(storage);
        }
        catch (CryptographicException)
        {
            return;
        }

        var dataKeyId = sealedBytes.AsSpan(1, DataKeyIdSize).ToArray();
        await DataKeyBlob(dataKeyId).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        await EarlierDataKeyBlob(dataKeyId).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    private static byte[] Decode(ProtectedInlineStorage storage)
    {
        var sealedBytes = new byte[storage.Ciphertext.Length];
        if (!Convert.TryFromBase64String(storage.Ciphertext, sealedBytes, out var length) || length <= HeaderSize || sealedBytes[0] != FormatVersion)
        {
            throw Unreadable(null);
        }

        return sealedBytes[..length];
    }

    private BlobClient DataKeyBlob(byte[] dataKeyId) =>
        _blobs.GetBlobContainerClient(MediaContainers.System).GetBlobClient(DataKeyFolder + Convert.ToHexStringLower(dataKeyId));

    private BlobClient EarlierDataKeyBlob(byte[] dataKeyId) =>
        _blobs.GetBlobContainerClient(MediaContainers.Work).GetBlobClient(DataKeyFolder + Convert.ToHexStringLower(dataKeyId));

    private static byte[] Purpose(byte[] purpose, byte[] dataKeyId) => [.. purpose, .. dataKeyId];

    // nonce | tag | ciphertext
    private static byte[] Seal(byte[] key, byte[] plaintext, byte[] associatedData)
    {
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, NonceSize));
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(sealedBytes.AsSpan(0, NonceSize), plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), associatedData);
        return sealedBytes;
    }

    private static byte[] Open(byte[] key, byte[] sealedBytes, byte[] associatedData)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw Unreadable(null);
        }

        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plaintext, associatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException mismatch)
        {
            throw Unreadable(mismatch);
        }
    }

    private static CryptographicException Unreadable(Exception? innerException) => new(
        "The sealed inline storage settings were altered or sealed under another key; they cannot be opened.", innerException);
}
