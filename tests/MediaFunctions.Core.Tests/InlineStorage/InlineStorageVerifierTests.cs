using Amazon.S3;
using Azure.Storage.Blobs;
using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Sources;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.InlineStorage;

public sealed class InlineStorageVerifierTests(AzuriteFixture azurite, S3rverFixture s3rver) : IClassFixture<AzuriteFixture>, IClassFixture<S3rverFixture>
{
    // NOTE: s3rver checks the access key but not SigV4 signatures, so a wrong secret is tested against Azurite
    // (a wrong account key) and the S3 signature refusal in InlineStorageFailuresTests.
    [Fact]
    public async Task VerifyAsync_S3rverWithItsKeys_PassesAndLeavesNoMarker()
    {
        using var parts = new InlineStorageParts(azurite);
        var prefix = $"check-{Guid.NewGuid():N}";

        await parts.Verifier.VerifyAsync(InlineStorageParts.S3(s3rver, folderPrefix: prefix), FfmpegTools.Timeout(30));

        using var s3 = new AmazonS3Client(S3rverFixture.AccessKey, S3rverFixture.SecretKey, new AmazonS3Config { ServiceURL = s3rver.Endpoint.AbsoluteUri, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        var listed = await s3.ListObjectsV2Async(new() { BucketName = S3rverFixture.Bucket, Prefix = $"videos/{prefix}/" }, FfmpegTools.Timeout(30));
        Assert.Empty(listed.S3Objects ?? []);
    }

    [Fact]
    public async Task VerifyAsync_UnknownAccessKey_InvalidStorageNamingTheAccessKey()
    {
        using var parts = new InlineStorageParts(azurite);

        var refusal = await Assert.ThrowsAsync<InvalidJobInputException>(() =>
            parts.Verifier.VerifyAsync(InlineStorageParts.S3(s3rver, accessKey: "NOT-A-KEY"), FfmpegTools.Timeout(30)));

        Assert.Equal("invalid_storage", refusal.Code);
        Assert.Equal("storage: the access key was refused (InvalidAccessKeyId).", refusal.Message);
    }

    [Fact]
    public async Task VerifyAsync_MissingBucket_InvalidStorageNamingTheBucket()
    {
        using var parts = new InlineStorageParts(azurite);

        var refusal = await Assert.ThrowsAsync<InvalidJobInputException>(() =>
            parts.Verifier.VerifyAsync(InlineStorageParts.S3(s3rver, bucket: "no-such-bucket"), FfmpegTools.Timeout(30)));

        Assert.Equal("invalid_storage", refusal.Code);
        Assert.Equal("storage: bucket 'no-such-bucket' does not exist (NoSuchBucket).", refusal.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}")]
    [InlineData("http://localhost:{port}")]
    [InlineData("http://169.254.169.254")]
    [InlineData("http://[::1]:{port}")]
    public async Task VerifyAsync_PrivateEndpointNotAllowed_UrlNotAllowed(string endpoint)
    {
        using var parts = new InlineStorageParts(azurite, allowPrivateNetworks: false);
        var url = endpoint.Replace("{port}", s3rver.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var refusal = await Assert.ThrowsAsync<InvalidJobInputException>(() =>
            parts.Verifier.VerifyAsync(InlineStorageParts.S3(s3rver, endpoint: url), FfmpegTools.Timeout(30)));

        Assert.Equal(UrlSourcePolicy.NotAllowedCode, refusal.Code);
        Assert.StartsWith("storage.endpoint: ", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_NothingListensAtEndpoint_InvalidStorageSaysUnreachable()
    {
        using var parts = new InlineStorageParts(azurite);
        var port = FreePort.Next();

        var refusal = await Assert.ThrowsAsync<InvalidJobInputException>(() =>
            parts.Verifier.VerifyAsync(InlineStorageParts.S3(s3rver, endpoint: $"http://127.0.0.1:{port}"), FfmpegTools.Timeout(60)));

        Assert.Equal("invalid_storage", refusal.Code);
        Assert.StartsWith($"storage: the endpoint '127.0.0.1:{port}' could not be reached", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_InvalidSettings_InvalidFieldBeforeAnyConnection()
    {
        using var parts = new InlineStorageParts(azurite);

        var refusal = await Assert.ThrowsAsync<InvalidJobInputException>(() =>
            parts.Verifier.VerifyAsync(new InlineStorageRequest { Provider = "s3", Endpoint = "http://10.0.0.1" }, FfmpegTools.Timeout(30)));

        Assert.Equal("invalid_field", refusal.Code);
        Assert.Contains("storage.bucket is required for provider s3.", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_AzureContainerWithAccountKey_Passes()
    {
        using var parts = new InlineStorageParts(azurite);
        var container = await CreateContainerAsync();

        await parts.Verifier.VerifyAsync(InlineStorageParts.Azure(azurite, container), FfmpegTools.Timeout(30));

        var left = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(container).GetBlobsAsync(cancellationToken: FfmpegTools.Timeout(30));
        await foreach (var blob in left)
        {
            Assert.Fail($"The write check left {blob.Name} behind.");
        }
    }

    [Fact]
    public async Task VerifyAsync_AzureWrongAccountKey_InvalidStorageNamingTheKeyNotTheSecret()
    {
        using var parts = new InlineStorageParts(azurite);
        var container = await CreateContainerAsync();
        var wrongKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));

        var refusal = await Assert.ThrowsAsync<InvalidJobInputException>(() =>
            parts.Verifier.VerifyAsync(InlineStorageParts.Azure(azurite, container, accountKey: wrongKey), FfmpegTools.Timeout(30)));

        Assert.Equal("invalid_storage", refusal.Code);
        Assert.Contains("the account key was refused", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_AzureMissingContainer_InvalidStorageNamingTheContainer()
    {
        using var parts = new InlineStorageParts(azurite);

        var refusal = await Assert.ThrowsAsync<InvalidJobInputException>(() =>
            parts.Verifier.VerifyAsync(InlineStorageParts.Azure(azurite, "no-such-container"), FfmpegTools.Timeout(30)));

        Assert.Equal("invalid_storage", refusal.Code);
        Assert.Equal("storage: container 'no-such-container' does not exist (ContainerNotFound).", refusal.Message);
    }

    private async Task<string> CreateContainerAsync()
    {
        var name = $"user-{Guid.NewGuid():N}";
        await new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(name).CreateAsync(cancellationToken: FfmpegTools.Timeout(30));
        return name;
    }
}
