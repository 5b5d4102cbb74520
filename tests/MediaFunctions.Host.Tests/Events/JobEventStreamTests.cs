using System.Net;
using MediaFunctions.Host.Tests.Jobs;
using Xunit.Abstractions;

namespace MediaFunctions.Host.Tests.Events;

/// <summary>A job's live progress over server-sent events, from the real host.</summary>
[Collection(JobCollection.Name)]
public sealed class JobEventStreamTests(JobHostFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task StreamJobEvents_ExtractJob_ProgressRisesThenOneDoneEqualToGet()
    {
        using var timeout = JobApi.Timeout(90);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var jobId = await SubmitLongJobAsync(alice, timeout.Token);

        var events = await EventStreamApi.ReadAllAsync(alice, $"/api/jobs/{jobId}/events", timeout.Token);

        output.WriteLine(string.Join("\n", events.Select(e => $"{e.Id} {e.Name} {e.Data.GetProperty("state")} {e.Data.GetProperty("stage")} {e.Data.GetProperty("progress")}")));
        var progress = events.SkipLast(1).ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, e => Assert.Equal("progress", e.Name));
        var values = progress.Select(e => e.Data.GetProperty("progress").GetInt32()).ToList();
        Assert.Equal(values.Order(), values);
        Assert.True(values.Distinct().Count() >= 2, $"progress: {string.Join(",", values)}");
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        var done = events[^1];
        Assert.Equal("done", done.Name);
        var (status, body) = await JobApi.GetAsync(alice, $"/api/jobs/{jobId}", timeout.Token);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("completed", body.GetProperty("state").GetString());
        Assert.Equal(body.GetRawText(), done.Data.GetRawText());
    }

    [Fact]
    public async Task StreamJobEvents_ReconnectWithLastEventId_NoEventTwice()
    {
        using var timeout = JobApi.Timeout(90);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var jobId = await SubmitLongJobAsync(alice, timeout.Token);
        var path = $"/api/jobs/{jobId}/events";

        ServerSentEvent first;
        using (var response = await EventStreamApi.OpenAsync(alice, path, timeout.Token))
        {
            await using var events = EventStreamApi.ReadAsync(response, timeout.Token).GetAsyncEnumerator(timeout.Token);
            Assert.True(await events.MoveNextAsync());
            first = events.Current;
        }

        var resumed = await EventStreamApi.ReadAllAsync(alice, path, timeout.Token, first.Id);
        output.WriteLine($"first {first.Id}; then {string.Join(", ", resumed.Select(e => $"{e.Name} {e.Id}"))}");

        Assert.DoesNotContain(resumed, e => e.Id == first.Id);
        Assert.Equal(resumed.Count, resumed.Select(e => e.Id).Distinct().Count());
        var done = Assert.Single(resumed, e => e.Name == "done");
        Assert.Same(done, resumed[^1]);

        // Ended: an old id gets just done; the done id itself gets 204 (an EventSource stops reconnecting).
        var afterEnd = await EventStreamApi.ReadAllAsync(alice, path, timeout.Token, first.Id);
        Assert.Equal(done.Id, Assert.Single(afterEnd).Id);
        using var again = await EventStreamApi.OpenAsync(alice, path, timeout.Token, done.Id);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Fact]
    public async Task StreamJobEvents_UnknownIdOrAnotherKeys_404WithErrorEnvelope()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        using var bob = fixture.ClientFor(JobHostFixture.BobKey);
        var jobId = (await JobApi.SubmitNativeAsync(alice, JobApi.Form(fixture.Media.Mp4), timeout.Token)).GetProperty("jobId").GetString()!;

        foreach (var (client, id) in new[] { (alice, "no-such-job"), (bob, jobId) })
        {
            var (status, body) = await JobApi.GetAsync(client, $"/api/jobs/{id}/events", timeout.Token);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal("not_found", JobApi.Error(body).Code);
        }
    }

    [Fact]
    public async Task StreamJobEvents_BearerTokenQuery_StreamsAsEventSourceWould()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        using var anonymous = fixture.Host.CreateClient();
        var jobId = (await JobApi.SubmitNativeAsync(alice, JobApi.Form(fixture.Media.Mp4), timeout.Token)).GetProperty("jobId").GetString()!;

        var events = await EventStreamApi.ReadAllAsync(anonymous, $"/api/jobs/{jobId}/events?bearer_token={JobHostFixture.AliceKey}", timeout.Token);

        Assert.Equal("done", events[^1].Name);
    }

    // Four minutes to AAC (ffmpeg's own encoder is the slow one): a render of several seconds, as a job reports progress at most every two.
    private async Task<string> SubmitLongJobAsync(HttpClient client, CancellationToken cancellationToken) =>
        (await JobApi.SubmitNativeAsync(client, JobApi.Form(fixture.LongAudio, ("start_time", "0"), ("duration", "240"), ("output_format", "mp3,aac")), cancellationToken))
            .GetProperty("jobId").GetString()!;
}
