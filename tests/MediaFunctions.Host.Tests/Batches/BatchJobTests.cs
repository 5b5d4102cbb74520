using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediaFunctions.Core.Workflows.Webhooks;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Host.Tests.Batches;

/// <summary>Batches that run: a podcast feed, a list of URLs with one refused, and the batch's webhook.</summary>
[Collection(BatchCollection.Name)]
public sealed class BatchJobTests(BatchHostFixture fixture)
{
    private const string Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";

    [Fact]
    public async Task Create_PodcastFeed_EpisodesWithTheirMetadataEachDownloaded()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor(BatchHostFixture.AliceKey);
        var origin = fixture.Origin;
        var feed = await origin.WriteAsync("feed.xml", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:itunes="{Itunes}">
              <channel>
                <title>Test Tones Weekly</title>
                <description>A show about sine waves.</description>
                <itunes:image href="{origin.Server.Url("art/show.jpg")}"/>
                <item>
                  <title>Episode 1: 220 Hz</title>
                  <description>The lowest tone.</description>
                  <pubDate>Mon, 06 Jan 2025 08:00:00 GMT</pubDate>
                  <enclosure url="{origin.EpisodeUrl(1)}" length="8000" type="audio/mpeg"/>
                  <itunes:duration>01:02:03</itunes:duration>
                  <itunes:image href="{origin.Server.Url("art/episode1.jpg")}"/>
                </item>
                <item>
                  <title>Episode 2: 440 Hz</title>
                  <itunes:summary>The middle tone.</itunes:summary>
                  <pubDate>Tue, 07 Jan 2025 09:30:00 +0100</pubDate>
                  <enclosure url="{origin.EpisodeUrl(2)}" length="8000" type="audio/mpeg"/>
                  <itunes:duration>95</itunes:duration>
                </item>
              </channel>
            </rss>
            """, timeout.Token);

        var accepted = await BatchApi.CreateAsync(alice, new { url = feed.AbsoluteUri, format = "mp3" }, timeout.Token);
        var batchId = accepted.GetProperty("batchId").GetString()!;
        var batch = await BatchApi.WaitAsync(alice, batchId, timeout.Token);

        Assert.Equal(batchId, accepted.GetProperty("id").GetString());
        Assert.Equal([$"{batchId}-00000", $"{batchId}-00001"], accepted.GetProperty("jobIds").EnumerateArray().Select(id => id.GetString()));
        Assert.Equal("completed", batch.GetProperty("state").GetString());
        Assert.Equal(("show", feed.AbsoluteUri, "download"),
            (batch.GetProperty("sourceKind").GetString(), batch.GetProperty("sourceUrl").GetString(), batch.GetProperty("kind").GetString()));
        Assert.Equal(("Test Tones Weekly", "A show about sine waves.", origin.Server.Url("art/show.jpg").AbsoluteUri),
            (batch.GetProperty("title").GetString(), batch.GetProperty("description").GetString(), batch.GetProperty("imageUrl").GetString()));
        Assert.Equal((2, 2, 0, 100), (batch.GetProperty("total").GetInt32(), batch.GetProperty("completed").GetInt32(),
            batch.GetProperty("failed").GetInt32(), batch.GetProperty("progress").GetInt32()));
        Assert.Equal(["Episode 1: 220 Hz", "Episode 2: 440 Hz"], BatchApi.Each(batch, "title"));
        Assert.Equal(["The lowest tone.", "The middle tone."], BatchApi.Each(batch, "description"));
        Assert.Equal([new DateTimeOffset(2025, 1, 6, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 7, 8, 30, 0, TimeSpan.Zero)],
            BatchApi.Items(batch).Select(item => item.GetProperty("publishedAt").GetDateTimeOffset()));
        Assert.Equal([3723.0, 95.0], BatchApi.Items(batch).Select(item => item.GetProperty("durationSeconds").GetDouble()));
        Assert.Equal([origin.Server.Url("art/episode1.jpg").AbsoluteUri, origin.Server.Url("art/show.jpg").AbsoluteUri], BatchApi.Each(batch, "imageUrl"));
        Assert.Equal([origin.EpisodeUrl(1).AbsoluteUri, origin.EpisodeUrl(2).AbsoluteUri], BatchApi.Each(batch, "url"));
        // Each file is named after its episode's title, made safe for a file name.
        Assert.Equal(["Episode_1__220_Hz.mp3", "Episode_2__440_Hz.mp3"],
            BatchApi.Items(batch).Select(item => Assert.Single(item.GetProperty("job").GetProperty("outputs").EnumerateArray()).GetProperty("fileName").GetString()));
        var folder = Directory.CreateTempSubdirectory("mf-batch-feed-").FullName;
        foreach (var item in BatchApi.Items(batch))
        {
            var job = item.GetProperty("job");
            Assert.Equal(("completed", batchId), (job.GetProperty("state").GetString(), item.GetProperty("jobId").GetString()![..batchId.Length]));
            // An item's job is an ordinary job: GET /api/jobs/{id} shows what the batch shows of it.
            var (status, single) = await JobApi.GetAsync(alice, $"/api/jobs/{item.GetProperty("jobId").GetString()}", timeout.Token);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(job.GetProperty("outputs").ToString(), single.GetProperty("outputs").ToString());
            var output = Assert.Single(job.GetProperty("outputs").EnumerateArray());
            var probe = await JobApi.ProbeAsync(await JobApi.DownloadAsync(output.GetProperty("url").GetString()!, folder, timeout.Token), timeout.Token);
            Assert.Contains("mp3", probe.FormatNames);
            Assert.Equal("mp3", Assert.Single(probe.Streams).CodecName);
            Assert.InRange(probe.Duration!.Value.TotalSeconds, 0.9, 1.2);
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Create_UrlsWithOneNotAllowed_ThatItemFailsTheOthersCompleteBatchFinished()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor(BatchHostFixture.AliceKey);
        string[] urls = [fixture.Origin.EpisodeUrl(1).AbsoluteUri, "file:///etc/passwd", fixture.Origin.EpisodeUrl(3).AbsoluteUri];

        var accepted = await BatchApi.CreateAsync(alice,
            new { kind = "extract-audio", urls, output_format = "wav", full_audio = true }, timeout.Token);
        var batchId = accepted.GetProperty("batchId").GetString()!;
        var batch = await BatchApi.WaitAsync(alice, batchId, timeout.Token);

        Assert.Equal([$"{batchId}-00000", null, $"{batchId}-00002"], accepted.GetProperty("jobIds").EnumerateArray().Select(id => id.GetString()));
        Assert.Equal("finished", batch.GetProperty("state").GetString());
        Assert.Equal(("list", JsonValueKind.Null, "extract-audio"),
            (batch.GetProperty("sourceKind").GetString(), batch.GetProperty("sourceUrl").ValueKind, batch.GetProperty("kind").GetString()));
        Assert.Equal((3, 2, 1, 100), (batch.GetProperty("total").GetInt32(), batch.GetProperty("completed").GetInt32(),
            batch.GetProperty("failed").GetInt32(), batch.GetProperty("progress").GetInt32()));
        Assert.Equal(["completed", "failed", "completed"], BatchApi.Each(batch, "state"));
        Assert.Equal(urls, BatchApi.Each(batch, "url"));
        var refused = BatchApi.Items(batch)[1];
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (refused.GetProperty("jobId").ValueKind, refused.GetProperty("job").ValueKind));
        Assert.Equal("invalid_url", refused.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("file", refused.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var folder = Directory.CreateTempSubdirectory("mf-batch-list-").FullName;
        foreach (var item in BatchApi.Items(batch).Where(item => item.GetProperty("state").GetString() == "completed"))
        {
            var output = Assert.Single(item.GetProperty("job").GetProperty("outputs").EnumerateArray());
            var probe = await JobApi.ProbeAsync(await JobApi.DownloadAsync(output.GetProperty("url").GetString()!, folder, timeout.Token), timeout.Token);
            Assert.Contains("wav", probe.FormatNames);
            Assert.InRange(probe.Duration!.Value.TotalSeconds, 0.95, 1.1);
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Create_WithWebhookUrl_OneSignedDeliveryCarryingTheBatchAsGetShowsIt()
    {
        using var timeout = JobApi.Timeout(120);
        await using var receiver = await WebhookReceiver.StartAsync(failuresBeforeSuccess: 0, timeout.Token);
        using var alice = fixture.ClientFor(BatchHostFixture.AliceKey);

        var accepted = await BatchApi.CreateAsync(alice, new
        {
            urls = new[] { fixture.Origin.EpisodeUrl(1).AbsoluteUri, fixture.Origin.EpisodeUrl(2).AbsoluteUri, "ftp://example.com/episode.mp3" },
            format = "mp3",
            webhook_url = receiver.Url.AbsoluteUri,
        }, timeout.Token);
        var batchId = accepted.GetProperty("batchId").GetString()!;
        var delivery = Assert.Single(await receiver.WaitForAsync(1, timeout.Token));
        var batch = await BatchApi.WaitAsync(alice, batchId, timeout.Token);
        var (_, secret) = await JobApi.GetAsync(alice, "/api/webhooks/secret", timeout.Token);
        // Nothing more comes: the items' own ends go nowhere unless item_webhooks asks. Each delivery is an orchestration
        // named for what it tells about, an item's scheduled before the item ends; so once the batch's own has completed,
        // those named for the batch and its items are every delivery there will be.
        using var admin = fixture.ClientFor(BatchHostFixture.AdminKey);
        await InstanceApi.WaitForStatusAsync(admin, WebhookDelivery.InstanceIdFor(batchId), "Completed", timeout.Token);
        var deliveries = await admin.GetFromJsonAsync<JsonElement>(
            new Uri($"/api/instances?instanceIdPrefix={WebhookDelivery.InstanceIdFor(batchId)}", UriKind.Relative), timeout.Token);

        Assert.Equal([WebhookDelivery.InstanceIdFor(batchId)], deliveries.EnumerateArray().Select(instance => instance.GetProperty("instanceId").GetString()));
        Assert.Single(receiver.Requests);
        Assert.Equal("batch.completed", delivery.Headers["X-MediaFunctions-Event"]);
        WebhookSignature.AssertSigned(secret.GetProperty("secret").GetString()!, delivery);
        var delivered = JsonNode.Parse(delivery.Body)!.AsObject();
        var current = JsonNode.Parse(batch.GetRawText())!.AsObject();
        Assert.Equal("finished", current["state"]!.GetValue<string>());
        Assert.Equal(3, delivered["items"]!.AsArray().Count);
        // The payload is the batch as GET shows it, ended; only its updatedAt may differ by a moment.
        delivered.Remove("updatedAt");
        current.Remove("updatedAt");
        Assert.True(JsonNode.DeepEquals(current, delivered), $"GET: {current}\nwebhook: {delivered}");
    }

    // As README tells receivers to verify: HMAC-SHA256 of "<t>.<raw body>" keyed with the secret.
}
