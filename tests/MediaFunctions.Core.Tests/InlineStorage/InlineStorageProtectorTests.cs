using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.InlineStorage;

public sealed class InlineStorageProtectorTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly InlineStorageRequest S3Settings = new()
    {
        Provider = "s3",
        Endpoint = "https://s3.eu-west-1.amazonaws.com",
        Bucket = "my-bucket",
        Region = "eu-west-1",
        AccessKey = "AKIAACCESSKEYID",
        SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        FolderPrefix = "downloads/2024/",
    };

    private static readonly InlineStorageRequest AzureSettings = new()
    {
        Provider = "azure",
        AccountName = "acct1",
        AccountKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("azure-account-key-that-is-secret")),
        Container = "media",
    };

    [Fact]
    public async Task ProtectAsync_Settings_NeitherSecretNorItsBase64InTheProtectedValue()
    {
        using var parts = new InlineStorageParts(azurite);

        var s3 = await parts.Protector.ProtectAsync(S3Settings, FfmpegTools.Timeout(30));
        var azure = await parts.Protector.ProtectAsync(AzureSettings, FfmpegTools.Timeout(30));

        var stored = JsonSerializer.Serialize(s3) + JsonSerializer.Serialize(azure);
        var decoded = Encoding.Latin1.GetString(Convert.FromBase64String(s3.Ciphertext)) + Encoding.Latin1.GetString(Convert.FromBase64String(azure.Ciphertext));
        foreach (var secret in new[] { S3Settings.SecretKey!, S3Settings.AccessKey!, AzureSettings.AccountKey!, "azure-account-key-that-is-secret" })
        {
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, decoded, StringComparison.Ordinal);
        }

        Assert.Equal(new ProtectedInlineStorage(s3.Ciphertext, "s3", "my-bucket", "videos/downloads/2024"), s3);
        Assert.Equal(("azure", "media", "videos"), (azure.Provider, azure.Bucket, azure.KeyPrefix));
    }

    [Fact]
    public async Task UnprotectAsync_ProtectedValue_GivesBackEverySetting()
    {
        using var parts = new InlineStorageParts(azurite);
        var protectedSettings = await parts.Protector.ProtectAsync(S3Settings, FfmpegTools.Timeout(30));

        var settings = await parts.Protector.UnprotectAsync(protectedSettings, FfmpegTools.Timeout(30));

        Assert.Equal(JsonSerializer.Serialize(S3Settings), JsonSerializer.Serialize(settings));
    }

    [Fact]
    public async Task UnprotectAsync_SealedWhenKeysWereKeptInTheWorkContainer_StillOpensAndKeysMoveToSystem()
    {
        // The layout of earlier versions: the wrapping key and the value's data key in the work container.
        var keyBlobName = $"_system/moved-key-{Guid.NewGuid():N}";
        using var parts = new InlineStorageParts(azurite, keyBlobName: keyBlobName);
        var protectedSettings = await parts.Protector.ProtectAsync(S3Settings, FfmpegTools.Timeout(30));
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var system = blobs.GetBlobContainerClient("system");
        var work = blobs.GetBlobContainerClient("work");
        await work.CreateIfNotExistsAsync();
        // The sealed value names its data key: the 16 bytes after its format version.
        var dataKey = InlineStorageProtector.DataKeyFolder + Convert.ToHexStringLower(Convert.FromBase64String(protectedSettings.Ciphertext).AsSpan(1, 16));
        foreach (var name in new[] { dataKey, keyBlobName })
        {
            await work.GetBlobClient(name).UploadAsync((await system.GetBlobClient(name).DownloadContentAsync()).Value.Content, overwrite: true);
            await system.DeleteBlobAsync(name);
        }

        using var upgraded = new InlineStorageParts(azurite, keyBlobName: keyBlobName);
        var settings = await upgraded.Protector.UnprotectAsync(protectedSettings, FfmpegTools.Timeout(30));

        Assert.Equal(JsonSerializer.Serialize(S3Settings), JsonSerializer.Serialize(settings));
        Assert.True(await system.GetBlobClient(keyBlobName).ExistsAsync(), "the wrapping key was not moved to the system container");
    }

    [Fact]
    public async Task ProtectAsync_SameSettingsTwice_DifferentCiphertexts()
    {
        using var parts = new InlineStorageParts(azurite);

        var first = await parts.Protector.ProtectAsync(S3Settings, FfmpegTools.Timeout(30));
        var second = await parts.Protector.ProtectAsync(S3Settings, FfmpegTools.Timeout(30));

        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
    }

    [Fact]
    public async Task UnprotectAsync_SealedUnderAnotherKey_Refused()
    {
        using var parts = new InlineStorageParts(azurite);
        using var otherHost = new InlineStorageParts(azurite, keyBlobName: $"_system/other-key-{Guid.NewGuid():N}");
        var protectedSettings = await otherHost.Protector.ProtectAsync(S3Settings, FfmpegTools.Timeout(30));

        var refusal = await Assert.ThrowsAsync<CryptographicException>(() => parts.Protector.UnprotectAsync(protectedSettings, FfmpegTools.Timeout(30)));

        Assert.Contains("altered or sealed under another key", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnprotectAsync_OneBitFlipped_Refused()
    {
        using var parts = new InlineStorageParts(azurite);
        var protectedSettings = await parts.Protector.ProtectAsync(S3Settings, FfmpegTools.Timeout(30));
        var bytes = Convert.FromBase64String(protectedSettings.Ciphertext);
        bytes[^5] ^= 0x01;

        await Assert.ThrowsAsync<CryptographicException>(() =>
            parts.Protector.UnprotectAsync(protectedSettings with { Ciphertext = Convert.ToBase64String(bytes) }, FfmpegTools.Timeout(30)));
        await Assert.ThrowsAsync<CryptographicException>(() =>
            parts.Protector.UnprotectAsync(protectedSettings with { Ciphertext = "not base64 at all" }, FfmpegTools.Timeout(30)));
    }

    [Fact]
    public async Task ForgetAsync_SealedValue_NeverOpensAgainEvenOnAnotherHost()
    {
        using var parts = new InlineStorageParts(azurite);
        using var otherHost = new InlineStorageParts(azurite);
        var protectedSettings = await parts.Protector.ProtectAsync(S3Settings, FfmpegTools.Timeout(30));
        var kept = await parts.Protector.ProtectAsync(S3Settings, FfmpegTools.Timeout(30));
        Assert.Equal(S3Settings.SecretKey, (await otherHost.Protector.UnprotectAsync(protectedSettings, FfmpegTools.Timeout(30))).SecretKey);

        await parts.Protector.ForgetAsync(protectedSettings, FfmpegTools.Timeout(30));
        await parts.Protector.ForgetAsync(protectedSettings, FfmpegTools.Timeout(30));

        foreach (var protector in new[] { parts.Protector, otherHost.Protector })
        {
            var refusal = await Assert.ThrowsAsync<CryptographicException>(() => protector.UnprotectAsync(protectedSettings, FfmpegTools.Timeout(30)));
            Assert.Contains("dropped when their job ended", refusal.Message, StringComparison.Ordinal);
        }

        // Only that job's key went.
        Assert.Equal(S3Settings.SecretKey, (await parts.Protector.UnprotectAsync(kept, FfmpegTools.Timeout(30))).SecretKey);
    }

    [Fact]
    public async Task ProtectAsync_InvalidSettings_InvalidField()
    {
        using var parts = new InlineStorageParts(azurite);

        var refusal = await Assert.ThrowsAsync<Core.Jobs.InvalidJobInputException>(() =>
            parts.Protector.ProtectAsync(new InlineStorageRequest { Provider = "s3" }, FfmpegTools.Timeout(30)));

        Assert.Equal("invalid_field", refusal.Code);
    }
}
