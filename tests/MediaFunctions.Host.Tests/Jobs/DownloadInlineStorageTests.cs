using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Host.Tests.Jobs;

/// <summary>Downloads written to the caller's own storage: S3 (s3rver) and Azure (a container of another Azurite account's view), credentials sealed.</summary>
[Collection(JobCollection.Name)]
public sealed partial class DownloadInlineStorageTests(JobHostFixture fixture, DownloadOrigin origin, S3rverFixture s3)
    : IClassFixture<DownloadOrigin>, IClassFixture<S3rverFixture>
{
    // s3rver checks the access key only, so the secret can be one no other part of the system holds.
    private const string S3Secret = "caller-own-secret-7Qk2";

    [Fact]
    public async Task Create_S3StorageWithThumbnail_FilesInTheCallersBucketAndItsCredentialsNowhereStored()
    {
        using var timeout = JobApi.Timeout(90);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var storage = new
        {
            provider = "s3",
            endpoint = s3.Endpoint.AbsoluteUri,
            bucket = S3rverFixture.Bucket,
            region = "us-east-1",
            access_key = S3rverFixture.AccessKey,
            secret_key = S3Secret,
            folder_prefix = "team/",
        };

        var job = await DownloadApi.RunAsync(alice, new { url = origin.ClipUrl.AbsoluteUri, clip_end = 2, thumbnail = true, storage }, timeout.Token);

        var result = DownloadApi.Result(job);
        Assert.Equal($"s3://{S3rverFixture.Bucket}/videos/team/clip.mp4", result.GetProperty("storage_location").GetString());
        var file = await JobApi.DownloadAsync(result.GetProperty("download_url").GetString()!, origin.NewOutputFolder(), timeout.Token);
        Assert.InRange((await JobApi.ProbeAsync(file, timeout.Token)).Duration!.Value.TotalSeconds, 1.9, 2.1);
        // The frame is taken from the file in the caller's bucket, and stored beside it.
        var thumbnail = await JobApi.ProbeAsync(await JobApi.DownloadAsync(result.GetProperty("thumbnail_url").GetString()!, origin.NewOutputFolder(), timeout.Token),
            timeout.Token);
        Assert.Equal(("mjpeg", 1280, 720), (Assert.Single(thumbnail.Streams).CodecName, thumbnail.Streams[0].Width, thumbnail.Streams[0].Height));
        // Not in our outputs container, and no trace of the secret anywhere the service stores or shows things.
        var jobId = job.GetProperty("job_id").GetString()!;
        Assert.Empty(await JobApi.BlobsAsync(fixture.Blobs, "outputs", $"alice/{jobId}/", timeout.Token));
        var (_, instance) = await JobApi.GetAsync(alice, $"/api/instances/{jobId}?showInput=true&showHistory=true&showHistoryOutput=true", timeout.Token);
        Assert.DoesNotContain(S3Secret, instance.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(S3Secret, job.GetRawText(), StringComparison.Ordinal);
        // NOTE: the access key id is not secret: every presigned link carries it (X-Amz-Credential), the job's download_url too.
        Assert.Empty(await StoredTextsContainingAsync(S3Secret, timeout.Token));
    }

    [Fact]
    public async Task Create_S3StorageJobEnded_SealedSettingsLeftInItsInputNoLongerOpen()
    {
        using var timeout = JobApi.Timeout(90);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var storage = new
        {
            provider = "s3",
            endpoint = s3.Endpoint.AbsoluteUri,
            bucket = S3rverFixture.Bucket,
            region = "us-east-1",
            access_key = S3rverFixture.AccessKey,
            secret_key = S3Secret,
        };

        var job = await DownloadApi.RunAsync(alice, new { url = origin.ClipUrl.AbsoluteUri, clip_end = 1, storage }, timeout.Token);

        Assert.Equal("completed", job.GetProperty("state").GetString());
        var (_, instance) = await JobApi.GetAsync(alice, $"/api/instances/{job.GetProperty("job_id").GetString()}?showInput=true", timeout.Token);
        var sealedSettings = instance.GetProperty("input").GetProperty("storage").Deserialize<ProtectedInlineStorage>(JsonSerializerOptions.Web)!;
        Assert.Equal(("s3", S3rverFixture.Bucket), (sealedSettings.Provider, sealedSettings.Bucket));
        // With every key the service holds, as any of its hosts would try.
        var refusal = await Assert.ThrowsAsync<CryptographicException>(() => new InlineStorageProtector(fixture.Blobs).UnprotectAsync(sealedSettings, timeout.Token));
        Assert.Contains("dropped when their job ended", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AzureStorage_FileInTheCallersContainer()
    {
        using var timeout = JobApi.Timeout(90);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var account = ConnectionPart("AccountName");
        var container = fixture.Blobs.GetBlobContainerClient("caller-files");
        await container.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
        var storage = new { provider = "azure", account_name = account, account_key = ConnectionPart("AccountKey"), container = "caller-files", endpoint = ConnectionPart("BlobEndpoint") };

        var job = await DownloadApi.RunAsync(alice, new { url = origin.ClipUrl.AbsoluteUri, audio_only = true, storage, filename = "episode" }, timeout.Token);

        var result = DownloadApi.Result(job);
        Assert.EndsWith("/caller-files/videos/episode.m4a", result.GetProperty("storage_location").GetString(), StringComparison.Ordinal);
        Assert.True(await container.GetBlobClient("videos/episode.m4a").ExistsAsync(timeout.Token));
        var file = await JobApi.DownloadAsync(result.GetProperty("download_url").GetString()!, origin.NewOutputFolder(), timeout.Token);
        Assert.Equal("aac", Assert.Single((await JobApi.ProbeAsync(file, timeout.Token)).Streams).CodecName);
    }

    [Fact]
    public async Task CreateBatch_AzureStorage_EveryItemInTheCallersContainerAndTheBatchsSealedSettingsDroppedAtItsEnd()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var container = fixture.Blobs.GetBlobContainerClient("caller-batch-files");
        await container.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
        var storage = new
        {
            provider = "azure",
            account_name = ConnectionPart("AccountName"),
            account_key = ConnectionPart("AccountKey"),
            container = "caller-batch-files",
            endpoint = ConnectionPart("BlobEndpoint"),
        };

        var created = await BatchApi.CreateAsync(alice, new { urls = new[] { origin.ClipUrl.AbsoluteUri, origin.ToneUrl.AbsoluteUri }, audio_only = true, storage },
            timeout.Token);
        var batchId = created.GetProperty("batchId").GetString()!;
        var batch = await BatchApi.WaitAsync(alice, batchId, timeout.Token);

        Assert.Equal("completed", batch.GetProperty("state").GetString());
        Assert.True(await container.GetBlobClient("videos/clip.m4a").ExistsAsync(timeout.Token));
        Assert.True(await container.GetBlobClient("videos/tone.m4a").ExistsAsync(timeout.Token));
        var (_, instance) = await JobApi.GetAsync(alice, $"/api/instances/{batchId}?showInput=true", timeout.Token);
        var sealedSettings = instance.GetProperty("input").GetProperty("template").GetProperty("storage").Deserialize<ProtectedInlineStorage>(JsonSerializerOptions.Web)!;
        await Assert.ThrowsAsync<CryptographicException>(() => new InlineStorageProtector(fixture.Blobs).UnprotectAsync(sealedSettings, timeout.Token));
        Assert.Empty(await StoredTextsContainingAsync(ConnectionPart("AccountKey"), timeout.Token));
    }

    [Fact]
    public async Task Create_StorageWithAWrongKey_400NamingTheProblem()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var storage = new { provider = "s3", endpoint = s3.Endpoint.AbsoluteUri, bucket = S3rverFixture.Bucket, region = "us-east-1", access_key = "NOT-A-KEY", secret_key = S3Secret };

        var (status, error) = await JobApi.PostAsync(alice, "/jobs", JobApi.Json(new { url = origin.ClipUrl.AbsoluteUri, storage }), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_storage", JobApi.Error(error).Code);
        Assert.Contains("access key was refused", JobApi.Error(error).Message, StringComparison.Ordinal);
        Assert.DoesNotContain(S3Secret, error.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_StorageWithoutABucket_400NamingTheField()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var storage = new { provider = "s3", endpoint = s3.Endpoint.AbsoluteUri, region = "us-east-1", access_key = "a", secret_key = "b" };

        var (status, error) = await JobApi.PostAsync(alice, "/jobs", JobApi.Json(new { url = origin.ClipUrl.AbsoluteUri, storage }), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_field", JobApi.Error(error).Code);
        Assert.Contains("storage.bucket", JobApi.Error(error).Message, StringComparison.Ordinal);
    }

    // Every table entity and every blob of the service's storage account whose text holds the value.
    private async Task<List<string>> StoredTextsContainingAsync(string value, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        var tables = new TableServiceClient(fixture.StorageConnectionString);
        await foreach (var table in tables.QueryAsync(cancellationToken: cancellationToken))
        {
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            {
                if (entity.Any(field => field.Value?.ToString()?.Contains(value, StringComparison.Ordinal) == true))
                {
                    found.Add($"{table.Name}/{entity.PartitionKey}/{entity.RowKey}");
                }
            }
        }

        await foreach (var container in fixture.Blobs.GetBlobContainersAsync(cancellationToken: cancellationToken))
        {
            var client = fixture.Blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync(cancellationToken: cancellationToken))
            {
                if (blob.Properties.ContentLength < 1_000_000
                    && (await client.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken)).Value.Content.ToString().Contains(value, StringComparison.Ordinal))
                {
                    found.Add($"{container.Name}/{blob.Name}");
                }
            }
        }

        return found;
    }

    private string ConnectionPart(string name) =>
        ConnectionStringPart().Matches(fixture.StorageConnectionString).First(match => match.Groups[1].Value == name).Groups[2].Value;

    [GeneratedRegex("([A-Za-z]+)=([^;]+)")]
    private static partial Regex ConnectionStringPart();
}
