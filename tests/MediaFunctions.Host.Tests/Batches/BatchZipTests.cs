using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Host.Tests.Batches;

/// <summary>A batch created with <c>zip</c>: one more file holding every completed item's files.</summary>
[Collection(BatchCollection.Name)]
public sealed class BatchZipTests(BatchHostFixture fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_TwoUrlsWithZip_GetShowsAZipOfBothFilesEachPlayable(bool persistent)
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor(BatchHostFixture.AliceKey);
        // The same episode twice: both files get one name, and the zip numbers the second.
        var url = fixture.Origin.EpisodeUrl(1).AbsoluteUri;

        var accepted = await BatchApi.CreateAsync(alice, new { urls = new[] { url, url }, format = "mp3", folder = "tones", zip = true, persistent }, timeout.Token);
        var batchId = accepted.GetProperty("batchId").GetString()!;
        var batch = await BatchApi.WaitAsync(alice, batchId, timeout.Token);

        Assert.Equal("completed", batch.GetProperty("state").GetString());
        var zip = batch.GetProperty("zip");
        Assert.Equal($"{batchId}.zip", zip.GetProperty("fileName").GetString());
        var zipUrl = zip.GetProperty("url").GetString()!;
        if (persistent)
        {
            Assert.StartsWith(alice.BaseAddress!.AbsoluteUri.TrimEnd('/') + "/api/files/", zipUrl, StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, zip.GetProperty("expiresAt").ValueKind);
        }
        else
        {
            Assert.InRange(zip.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(16));
        }

        var fileName = Assert.Single(BatchApi.Items(batch)[0].GetProperty("job").GetProperty("outputs").EnumerateArray()).GetProperty("fileName").GetString()!;
        var folder = Directory.CreateTempSubdirectory("mf-batch-zip-").FullName;
        try
        {
            var downloaded = await JobApi.DownloadAsync(zipUrl, folder, timeout.Token);
            Assert.Equal(zip.GetProperty("size").GetInt64(), new FileInfo(downloaded).Length);
            var unzipped = Path.Combine(folder, "unzipped");
            await ZipFile.ExtractToDirectoryAsync(downloaded, unzipped, timeout.Token);
            using (var archive = ZipFile.OpenRead(downloaded))
            {
                Assert.Equal([$"tones/{fileName}", $"tones/{Path.GetFileNameWithoutExtension(fileName)} (2){Path.GetExtension(fileName)}"],
                    archive.Entries.Select(entry => entry.FullName));
            }

            foreach (var file in Directory.GetFiles(Path.Combine(unzipped, "tones")))
            {
                var probe = await JobApi.ProbeAsync(file, timeout.Token);
                Assert.Contains("mp3", probe.FormatNames);
                Assert.Equal("mp3", Assert.Single(probe.Streams).CodecName);
                Assert.InRange(probe.Duration!.Value.TotalSeconds, 0.9, 1.2);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Create_ZipWithWebhookUrl_DeliveryCarriesTheZipAsGetShowsIt()
    {
        using var timeout = JobApi.Timeout(120);
        await using var receiver = await WebhookReceiver.StartAsync(failuresBeforeSuccess: 0, timeout.Token);
        using var alice = fixture.ClientFor(BatchHostFixture.AliceKey);

        var accepted = await BatchApi.CreateAsync(alice, new
        {
            urls = new[] { fixture.Origin.EpisodeUrl(1).AbsoluteUri, "ftp://example.com/episode.mp3" },
            format = "mp3",
            zip = true,
            webhook_url = receiver.Url.AbsoluteUri,
        }, timeout.Token);
        var delivery = Assert.Single(await receiver.WaitForAsync(1, timeout.Token));
        var batch = await BatchApi.WaitAsync(alice, accepted.GetProperty("batchId").GetString()!, timeout.Token);

        Assert.Equal("finished", batch.GetProperty("state").GetString());
        var delivered = JsonNode.Parse(delivery.Body)!["zip"];
        Assert.NotNull(delivered);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(batch.GetProperty("zip").GetRawText()), delivered), $"GET: {batch.GetProperty("zip")}\nwebhook: {delivered}");
    }

    [Fact]
    public async Task Create_NoZip_BatchHasNoZipField()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor(BatchHostFixture.AliceKey);

        var accepted = await BatchApi.CreateAsync(alice, new { urls = new[] { fixture.Origin.EpisodeUrl(2).AbsoluteUri }, format = "mp3" }, timeout.Token);
        var batch = await BatchApi.WaitAsync(alice, accepted.GetProperty("batchId").GetString()!, timeout.Token);

        Assert.Equal("completed", batch.GetProperty("state").GetString());
        Assert.False(batch.TryGetProperty("zip", out _));
    }

    [Fact]
    public async Task Delete_ZipBatchOnceAnItemWasKept_DeletesWhatWasKeptAndHasNoZip()
    {
        using var timeout = JobApi.Timeout(90);
        using var alice = fixture.ClientFor(BatchHostFixture.AliceKey);
        var urls = Enumerable.Range(1, 6).Select(number => fixture.Origin.EpisodeUrl(number).AbsoluteUri).ToArray();
        var batchId = (await BatchApi.CreateAsync(alice, new { urls, format = "mp3", concurrency = 1, zip = true }, timeout.Token))
            .GetProperty("batchId").GetString()!;
        // The batch's own files: the copies kept for its zip, and the zip once written.
        var batchPrefix = $"alice/{batchId}/";
        while (!(await JobApi.BlobsAsync(fixture.Blobs, "outputs", batchPrefix, timeout.Token)).Any(name => name.Contains("/zip-items/", StringComparison.Ordinal)))
        {
            await Task.Delay(100, timeout.Token);
        }

        var (status, cancelled) = await BatchApi.SendAsync(alice, HttpMethod.Delete, $"{BatchApi.Route}/{batchId}", null, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        Assert.False(cancelled.TryGetProperty("zip", out _));
        Assert.Empty(await JobApi.BlobsAsync(fixture.Blobs, "outputs", batchPrefix, timeout.Token));
    }

    [Fact]
    public async Task Create_ZipWithOwnStorage_Refused400NamingZip()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(BatchHostFixture.AliceKey);
        var json = """{"urls":["http://127.0.0.1:9/a.mp3"],"zip":true,"storage":{"provider":"s3","bucket":"mine","access_key":"a","secret_key":"b"}}""";

        var (status, body) = await JobApi.PostAsync(alice, BatchApi.Route, new StringContent(json, Encoding.UTF8, "application/json"), timeout.Token);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_field"), (status, JobApi.Error(body).Code));
        Assert.Contains("zip", JobApi.Error(body).Message, StringComparison.Ordinal);
        Assert.Contains("storage", JobApi.Error(body).Message, StringComparison.Ordinal);
    }
}
