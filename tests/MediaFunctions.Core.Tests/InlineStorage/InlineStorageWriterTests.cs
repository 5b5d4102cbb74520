using System.Security.Cryptography;
using Amazon.S3;
using Azure.Storage.Blobs;
using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Sources;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.InlineStorage;

public sealed class InlineStorageWriterTests(AzuriteFixture azurite, S3rverFixture s3rver) : IClassFixture<AzuriteFixture>, IClassFixture<S3rverFixture>
{
    private static readonly HttpClient Reader = new();

    [Fact]
    public async Task UploadAsync_S3FewMegabytes_ReadUrlGivesTheSameBytes()
    {
        using var parts = new InlineStorageParts(azurite);
        var prefix = $"run-{Guid.NewGuid():N}";
        var storage = await parts.Protector.ProtectAsync(InlineStorageParts.S3(s3rver, folderPrefix: prefix), FfmpegTools.Timeout(30));
        var file = InlineStorageParts.RandomFile(3 * 1024 * 1024 + 17);
        try
        {
            var stored = await parts.Writer.UploadAsync(storage, "job-1/clip.mp4", file, "video/mp4", TimeSpan.FromMinutes(15), FfmpegTools.Timeout(60));

            Assert.Equal($"s3://media/videos/{prefix}/job-1/clip.mp4", stored.Location);
            Assert.Equal(parts.Clock.GetUtcNow().AddMinutes(15), stored.ExpiresAt);
            await AssertReadsBackAsync(stored.ReadUrl, file, "video/mp4");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task UploadAsync_S3FileLargerThanPartSize_MultipartUploadReadsBackWhole()
    {
        using var parts = new InlineStorageParts(azurite, partSizeBytes: InlineStorageOptions.MinPartSizeBytes);
        var prefix = $"run-{Guid.NewGuid():N}";
        var storage = await parts.Protector.ProtectAsync(InlineStorageParts.S3(s3rver, folderPrefix: prefix), FfmpegTools.Timeout(30));
        var file = InlineStorageParts.RandomFile((2 * InlineStorageOptions.MinPartSizeBytes) + 123_457);
        try
        {
            var stored = await parts.Writer.UploadAsync(storage, "big.mkv", file, "video/x-matroska", TimeSpan.FromMinutes(5), FfmpegTools.Timeout(120));

            await AssertReadsBackAsync(stored.ReadUrl, file, "video/x-matroska");
            // Two whole parts and the rest in a third, as s3rver's request log shows.
            Assert.Contains($"{prefix}/big.mkv?partNumber=3&", s3rver.Output, StringComparison.Ordinal);
            Assert.DoesNotContain($"{prefix}/big.mkv?partNumber=4&", s3rver.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task UploadAsync_MultipartCancelledAfterItsFirstPart_LeavesNoObject()
    {
        using var parts = new InlineStorageParts(azurite, partSizeBytes: InlineStorageOptions.MinPartSizeBytes);
        var prefix = $"run-{Guid.NewGuid():N}";
        var storage = await parts.Protector.ProtectAsync(InlineStorageParts.S3(s3rver, folderPrefix: prefix), FfmpegTools.Timeout(30));
        var file = InlineStorageParts.RandomFile((6 * InlineStorageOptions.MinPartSizeBytes) + 1);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(FfmpegTools.Timeout(120));
        try
        {
            var upload = parts.Writer.UploadAsync(storage, "cancelled.mp4", file, "video/mp4", TimeSpan.FromMinutes(5), cancel.Token);
            while (!upload.IsCompleted && !s3rver.Output.Contains($"{prefix}/cancelled.mp4?partNumber=1", StringComparison.Ordinal))
            {
                await Task.Delay(10, FfmpegTools.Timeout(30));
            }

            await cancel.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);
            using var s3 = new AmazonS3Client(S3rverFixture.AccessKey, S3rverFixture.SecretKey, new AmazonS3Config { ServiceURL = s3rver.Endpoint.AbsoluteUri, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
            var missing = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
                s3.GetObjectMetadataAsync(S3rverFixture.Bucket, $"videos/{prefix}/cancelled.mp4", FfmpegTools.Timeout(30)));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task UploadAsync_AzureContainerWithAccountKey_SasReadUrlGivesTheSameBytes()
    {
        using var parts = new InlineStorageParts(azurite);
        var container = $"user-{Guid.NewGuid():N}";
        await new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(container).CreateAsync(cancellationToken: FfmpegTools.Timeout(30));
        var storage = await parts.Protector.ProtectAsync(InlineStorageParts.Azure(azurite, container), FfmpegTools.Timeout(30));
        var file = InlineStorageParts.RandomFile((InlineStorageOptions.MinPartSizeBytes * 2) + 99);
        try
        {
            var stored = await parts.Writer.UploadAsync(storage, "job-2/audio.m4a", file, "audio/mp4", TimeSpan.FromMinutes(15), FfmpegTools.Timeout(60));

            var location = new Uri(stored.Location);
            Assert.Equal($"/devstoreaccount1/{container}/videos/exports/job-2/audio.m4a", location.AbsolutePath);
            Assert.Empty(location.Query);
            Assert.Contains("sp=r", stored.ReadUrl.Query, StringComparison.Ordinal);
            await AssertReadsBackAsync(stored.ReadUrl, file, "audio/mp4");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task UploadAsync_S3EndpointPrivateWhenWriting_RefusedByTheGuardedConnector()
    {
        // Sealed by a host that allowed loopback, written by one that does not: the writer's own connections are checked.
        using var allowing = new InlineStorageParts(azurite);
        using var refusing = new InlineStorageParts(azurite, allowPrivateNetworks: false);
        var s3 = await allowing.Protector.ProtectAsync(InlineStorageParts.S3(s3rver), FfmpegTools.Timeout(30));
        var container = $"user-{Guid.NewGuid():N}";
        await new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(container).CreateAsync(cancellationToken: FfmpegTools.Timeout(30));
        var azure = await allowing.Protector.ProtectAsync(InlineStorageParts.Azure(azurite, container), FfmpegTools.Timeout(30));
        var file = InlineStorageParts.RandomFile(1024);
        try
        {
            foreach (var storage in new[] { s3, azure })
            {
                var refusal = await Assert.ThrowsAsync<InvalidJobInputException>(() =>
                    refusing.Writer.UploadAsync(storage, "a.mp4", file, "video/mp4", TimeSpan.FromMinutes(5), FfmpegTools.Timeout(60)));

                Assert.Equal(UrlSourcePolicy.NotAllowedCode, refusal.Code);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("/abs.mp4")]
    [InlineData("../up.mp4")]
    [InlineData("a/../../up.mp4")]
    public async Task UploadAsync_RelativePathLeavingThePrefix_ArgumentException(string relativePath)
    {
        using var parts = new InlineStorageParts(azurite);
        var storage = await parts.Protector.ProtectAsync(InlineStorageParts.S3(s3rver), FfmpegTools.Timeout(30));

        await Assert.ThrowsAsync<ArgumentException>(() =>
            parts.Writer.UploadAsync(storage, relativePath, "/dev/null", "video/mp4", TimeSpan.FromMinutes(5), FfmpegTools.Timeout(30)));
    }

    private static async Task AssertReadsBackAsync(Uri readUrl, string file, string contentType)
    {
        using var response = await Reader.GetAsync(readUrl, FfmpegTools.Timeout(60));
        response.EnsureSuccessStatusCode();
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync(FfmpegTools.Timeout(60));
        await using var local = File.OpenRead(file);
        Assert.Equal(await SHA256.HashDataAsync(local), await SHA256.HashDataAsync(body));
    }
}
