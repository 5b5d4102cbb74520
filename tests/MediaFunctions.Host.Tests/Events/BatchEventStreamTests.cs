using System.Net;
using MediaFunctions.Host.Tests.Batches;

namespace MediaFunctions.Host.Tests.Events;

/// <summary>A batch's live progress over server-sent events, from the real host.</summary>
[Collection(BatchCollection.Name)]
public sealed class BatchEventStreamTests(BatchHostFixture fixture)
{
    [Fact]
    public async Task StreamBatchEvents_ListOfUrls_ProgressThenDoneEqualToGet()
    {
        using var timeout = JobApi.Timeout(90);
        using var alice = fixture.ClientFor(BatchHostFixture.AliceKey);
        var urls = new[] { fixture.Origin.EpisodeUrl(1).AbsoluteUri, fixture.Origin.EpisodeUrl(2).AbsoluteUri };
        var batchId = (await BatchApi.CreateAsync(alice, new { urls, format = "mp3" }, timeout.Token)).GetProperty("batchId").GetString()!;

        var events = await EventStreamApi.ReadAllAsync(alice, $"/api/batches/{batchId}/events", timeout.Token);

        Assert.All(events.SkipLast(1), e => Assert.Equal("progress", e.Name));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        var done = events[^1];
        Assert.Equal("done", done.Name);
        var batch = await BatchApi.GetAsync(alice, batchId, timeout.Token);
        Assert.Equal("completed", batch.GetProperty("state").GetString());
        Assert.Equal(batch.GetRawText(), done.Data.GetRawText());
    }

    [Fact]
    public async Task StreamBatchEvents_UnknownIdOrAnotherKeys_404()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(BatchHostFixture.AliceKey);
        using var bob = fixture.ClientFor(BatchHostFixture.BobKey);
        var batchId = (await BatchApi.CreateAsync(alice, new { urls = new[] { fixture.Origin.EpisodeUrl(1).AbsoluteUri }, paused = true }, timeout.Token))
            .GetProperty("batchId").GetString()!;

        foreach (var (client, id) in new[] { (alice, "no-such-batch"), (bob, batchId) })
        {
            var (status, body) = await JobApi.GetAsync(client, $"/api/batches/{id}/events", timeout.Token);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal("not_found", JobApi.Error(body).Code);
        }
    }
}
