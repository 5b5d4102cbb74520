using System.Net;
using System.Text.Json;

namespace MediaFunctions.Host.Tests.Batches;

/// <summary>What a client does with a batch after creating it: rename its files while paused, start it, cancel it, list them.</summary>
[Collection(BatchCollection.Name)]
public sealed class BatchControlTests(BatchHostFixture fixture)
{
    [Fact]
    public async Task Rename_PausedBatch_BadNameAppliesNothingGoodNamesNameTheFilesOnceStarted()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor(BatchHostFixture.AliceKey);
        var batchId = await CreatePausedAsync(alice, timeout.Token);
        var paused = await BatchApi.GetAsync(alice, batchId, timeout.Token);
        var jobIds = BatchApi.Each(paused, "jobId");

        var (badStatus, bad) = await RenameAsync(alice, batchId,
            [new { job_id = jobIds[0], filename = "first" }, new { job_id = jobIds[1], filename = "../escape" }], timeout.Token);
        var afterBad = await BatchApi.GetAsync(alice, batchId, timeout.Token);
        var (okStatus, renamed) = await RenameAsync(alice, batchId,
            [new { job_id = jobIds[0], filename = "first" }, new { job_id = jobIds[1], filename = "second take" }], timeout.Token);
        var (startStatus, started) = await BatchApi.SendAsync(alice, HttpMethod.Post, $"{BatchApi.Route}/{batchId}/start", null, timeout.Token);
        // At once, before the orchestration has even taken the first start.
        var (againStatus, again) = await BatchApi.SendAsync(alice, HttpMethod.Post, $"{BatchApi.Route}/{batchId}/start", null, timeout.Token);
        var (lateStatus, late) = await RenameAsync(alice, batchId, [new { job_id = jobIds[0], filename = "too late" }], timeout.Token);
        var batch = await BatchApi.WaitAsync(alice, batchId, timeout.Token);

        Assert.Equal(("paused", true), (paused.GetProperty("state").GetString(), paused.GetProperty("paused").GetBoolean()));
        Assert.All(BatchApi.Items(paused), item => Assert.Equal(("pending", "paused"),
            (item.GetProperty("job").GetProperty("state").GetString(), item.GetProperty("job").GetProperty("stage").GetString())));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal("invalid_renames", JobApi.Error(bad).Code);
        Assert.Contains("..", JobApi.Error(bad).Message, StringComparison.Ordinal);
        Assert.Equal([null, null], BatchApi.Each(afterBad, "fileName"));
        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Equal(["first", "second take"], BatchApi.Each(renamed, "fileName"));
        Assert.Equal(HttpStatusCode.Accepted, startStatus);
        Assert.Equal(batchId, started.GetProperty("id").GetString());
        Assert.Equal((HttpStatusCode.Conflict, "batch_not_paused"), (againStatus, JobApi.Error(again).Code));
        Assert.Equal((HttpStatusCode.Conflict, "batch_not_paused"), (lateStatus, JobApi.Error(late).Code));
        Assert.Equal("completed", batch.GetProperty("state").GetString());
        Assert.Equal(["first", "second take"], BatchApi.Each(batch, "fileName"));
        Assert.Equal(["first.mp3", "second take.mp3"],
            BatchApi.Items(batch).Select(item => Assert.Single(item.GetProperty("job").GetProperty("outputs").EnumerateArray()).GetProperty("fileName").GetString()));
    }

    [Fact]
    public async Task Rename_JobOfAnotherBatchOrNamedTwice_Refused400()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(BatchHostFixture.AliceKey);
        var batchId = await CreatePausedAsync(alice, timeout.Token);
        var otherId = await CreatePausedAsync(alice, timeout.Token);
        var ownJob = $"{batchId}-00000";

        var (otherStatus, other) = await RenameAsync(alice, batchId, [new { job_id = $"{otherId}-00000", filename = "stolen" }], timeout.Token);
        var (twiceStatus, twice) = await RenameAsync(alice, batchId,
            [new { job_id = ownJob, filename = "one" }, new { job_id = ownJob, filename = "two" }], timeout.Token);
        var batch = await BatchApi.GetAsync(alice, batchId, timeout.Token);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_renames"), (otherStatus, JobApi.Error(other).Code));
        Assert.Contains($"{otherId}-00000", JobApi.Error(other).Message, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_renames"), (twiceStatus, JobApi.Error(twice).Code));
        Assert.Equal([null, null], BatchApi.Each(batch, "fileName"));
        await CancelAsync(alice, batchId, timeout.Token);
        await CancelAsync(alice, otherId, timeout.Token);
    }

    [Fact]
    public async Task AnotherKey_AlicesBatch_NotFoundOnEveryRouteAndLeftAsItWas()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(BatchHostFixture.AliceKey);
        using var bob = fixture.ClientFor(BatchHostFixture.BobKey);
        var batchId = await CreatePausedAsync(alice, timeout.Token);
        var path = $"{BatchApi.Route}/{batchId}";

        var answers = new[]
        {
            await BatchApi.SendAsync(bob, HttpMethod.Get, path, null, timeout.Token),
            await BatchApi.SendAsync(bob, HttpMethod.Post, $"{path}/start", null, timeout.Token),
            await RenameAsync(bob, batchId, [new { job_id = $"{batchId}-00000", filename = "bobs" }], timeout.Token),
            await BatchApi.SendAsync(bob, HttpMethod.Delete, path, null, timeout.Token),
        };
        var (listStatus, bobsList) = await JobApi.GetAsync(bob, BatchApi.Route, timeout.Token);
        var batch = await BatchApi.GetAsync(alice, batchId, timeout.Token);

        Assert.All(answers, answer => Assert.Equal((HttpStatusCode.NotFound, "not_found"), (answer.Status, JobApi.Error(answer.Body).Code)));
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.DoesNotContain(batchId, bobsList.EnumerateArray().Select(b => b.GetProperty("id").GetString()));
        Assert.Equal("paused", batch.GetProperty("state").GetString());
        Assert.Equal([null, null], BatchApi.Each(batch, "fileName"));
        await CancelAsync(alice, batchId, timeout.Token);
    }

    [Fact]
    public async Task Delete_PausedBatch_BatchAndEveryJobCancelled()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(BatchHostFixture.AliceKey);
        var batchId = await CreatePausedAsync(alice, timeout.Token);

        var cancelled = await CancelAsync(alice, batchId, timeout.Token);
        var batch = await BatchApi.GetAsync(alice, batchId, timeout.Token);
        var (startStatus, _) = await BatchApi.SendAsync(alice, HttpMethod.Post, $"{BatchApi.Route}/{batchId}/start", null, timeout.Token);

        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        Assert.Equal(["cancelled", "cancelled"], BatchApi.Each(cancelled, "state"));
        Assert.Equal((2, 0), (batch.GetProperty("cancelled").GetInt32(), batch.GetProperty("pending").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, startStatus);
    }

    [Fact]
    public async Task Delete_RunningBatch_CancelledAndNoItemRunsAfterwards()
    {
        using var timeout = JobApi.Timeout(90);
        using var alice = fixture.ClientFor(BatchHostFixture.AliceKey);
        var urls = Enumerable.Range(1, 3).Select(number => fixture.Origin.EpisodeUrl(number).AbsoluteUri).ToArray();
        var batchId = (await BatchApi.CreateAsync(alice, new { urls, format = "mp3", concurrency = 1 }, timeout.Token)).GetProperty("batchId").GetString()!;

        var cancelled = await CancelAsync(alice, batchId, timeout.Token);
        await WaitForStartedItemsToEndAsync(alice, batchId, BatchApi.Each(cancelled, "jobId"), timeout.Token);
        var later = await BatchApi.GetAsync(alice, batchId, timeout.Token);

        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        // Items that ended before the cancel keep their files; every other one is cancelled, and stays so.
        Assert.All(BatchApi.Items(cancelled), item => Assert.Contains(item.GetProperty("state").GetString(), new[] { "completed", "cancelled" }));
        Assert.Contains("cancelled", BatchApi.Each(cancelled, "state"));
        Assert.Equal(BatchApi.Each(cancelled, "state"), BatchApi.Each(later, "state"));
        Assert.All(BatchApi.Items(later).Where(item => item.GetProperty("state").GetString() == "completed"),
            item => Assert.Single(item.GetProperty("job").GetProperty("outputs").EnumerateArray()));
    }

    [Fact]
    public async Task List_ThreeBatches_NewestFirstPagedWithContinuation()
    {
        using var timeout = JobApi.Timeout();
        using var erin = fixture.ClientFor(BatchHostFixture.ErinKey);
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await CreatePausedAsync(erin, timeout.Token));
        }

        using var first = await erin.GetAsync(new Uri($"{BatchApi.Route}?pageSize=2", UriKind.Relative), timeout.Token);
        var firstPage = JsonDocument.Parse(await first.Content.ReadAsStringAsync(timeout.Token)).RootElement.Clone();
        var continuation = Assert.Single(first.Headers.GetValues("x-ms-continuation-token"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{BatchApi.Route}?pageSize=2", UriKind.Relative));
        request.Headers.Add("x-ms-continuation-token", continuation);
        using var second = await erin.SendAsync(request, timeout.Token);
        var secondPage = JsonDocument.Parse(await second.Content.ReadAsStringAsync(timeout.Token)).RootElement.Clone();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal([created[2], created[1], created[0]],
            firstPage.EnumerateArray().Concat(secondPage.EnumerateArray()).Select(batch => batch.GetProperty("id").GetString()));
        Assert.All(firstPage.EnumerateArray(), batch => Assert.Equal(2, batch.GetProperty("items").GetArrayLength()));
        Assert.False(second.Headers.Contains("x-ms-continuation-token"));
        foreach (var batchId in created)
        {
            await CancelAsync(erin, batchId, timeout.Token);
        }
    }

    private async Task<string> CreatePausedAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var accepted = await BatchApi.CreateAsync(client, new
        {
            urls = new[] { fixture.Origin.EpisodeUrl(1).AbsoluteUri, fixture.Origin.EpisodeUrl(2).AbsoluteUri },
            format = "mp3",
            paused = true,
        }, cancellationToken);
        return accepted.GetProperty("batchId").GetString()!;
    }

    private static Task<(HttpStatusCode Status, JsonElement Body)> RenameAsync(HttpClient client, string batchId, object[] renames, CancellationToken cancellationToken) =>
        BatchApi.SendAsync(client, HttpMethod.Patch, $"{BatchApi.Route}/{batchId}/jobs", new { renames }, cancellationToken);

    private static async Task<JsonElement> CancelAsync(HttpClient client, string batchId, CancellationToken cancellationToken)
    {
        var (status, batch) = await BatchApi.SendAsync(client, HttpMethod.Delete, $"{BatchApi.Route}/{batchId}", null, cancellationToken);
        Assert.True(status == HttpStatusCode.OK, $"{status}: {batch}");
        return batch;
    }

    /// <summary>
    /// Waits until every item job the ended batch started, as its history records them, has ended too: then nothing
    /// of the batch runs any more, and what the batch shows is final.
    /// </summary>
    private static async Task WaitForStartedItemsToEndAsync(HttpClient client, string batchId, IReadOnlyList<string?> jobIds, CancellationToken cancellationToken)
    {
        var (_, batch, response) = await InstanceApi.GetAsync(client, batchId, cancellationToken, "?showHistory=true");
        response.Dispose();
        var started = batch.GetProperty("historyEvents").EnumerateArray()
            .Count(historyEvent => historyEvent.GetProperty("EventType").GetString() == "SubOrchestrationInstanceCreated");
        while (true)
        {
            var ended = 0;
            foreach (var jobId in jobIds.OfType<string>())
            {
                var (status, item, itemResponse) = await InstanceApi.GetAsync(client, jobId, cancellationToken);
                itemResponse.Dispose();
                if (status == HttpStatusCode.OK && item.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated")
                {
                    ended++;
                }
            }

            if (ended >= started)
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
