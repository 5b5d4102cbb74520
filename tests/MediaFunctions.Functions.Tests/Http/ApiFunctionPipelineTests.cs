using System.Net;
using MediaFunctions.Testing.Api;
using Xunit.Abstractions;

namespace MediaFunctions.Functions.Tests.Http;

/// <summary>
/// What the function pipeline adds around the self-host's handlers, on the Functions app: the live-progress stream, and
/// <c>Idempotency-Key</c> on a create route.
/// </summary>
public sealed class ApiFunctionPipelineTests(ErrorParityFixture fixture, ITestOutputHelper output) : IClassFixture<ErrorParityFixture>
{
    [Fact]
    public async Task StreamJobEvents_FunctionsApp_EventsEndWithDoneEqualToGet()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor("functions", ErrorParityFixture.AliceKey);
        var (status, accepted) = await JobApi.PostAsync(alice, "/api/jobs/extract-audio", ErrorParityTests.Upload(fixture.Audio, ("output_format", "mp3")),
            timeout.Token);
        Assert.True(status == HttpStatusCode.Accepted, $"{(int)status} {accepted}");
        var jobId = accepted.GetProperty("jobId").GetString()!;

        var events = await EventStreamApi.ReadAllAsync(alice, $"/api/jobs/{jobId}/events", timeout.Token);

        output.WriteLine(string.Join("\n", events.Select(e => $"{e.Id} {e.Name} {e.Data.GetProperty("state")}")));
        Assert.All(events.SkipLast(1), e => Assert.Equal("progress", e.Name));
        Assert.Equal("done", events[^1].Name);
        var (_, job) = await JobApi.GetAsync(alice, $"/api/jobs/{jobId}", timeout.Token);
        Assert.Equal("completed", job.GetProperty("state").GetString());
        Assert.Equal(job.GetRawText(), events[^1].Data.GetRawText());
    }

    [Fact]
    public async Task CreateJob_SameIdempotencyKeyTwice_ReplayedOnTheFunctionsApp()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor("functions", ErrorParityFixture.AliceKey);
        var key = "functions-" + Guid.NewGuid().ToString("N");

        async Task<(HttpStatusCode Status, string Body, bool Replayed)> SendAsync(string format)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/jobs/extract-audio", UriKind.Relative))
            {
                Content = ErrorParityTests.Upload(fixture.Audio, ("output_format", format)),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await alice.SendAsync(request, timeout.Token);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token), response.Headers.Contains("Idempotent-Replayed"));
        }

        var first = await SendAsync("mp3");
        var again = await SendAsync("mp3");
        var other = await SendAsync("wav");

        Assert.Equal((HttpStatusCode.Accepted, false), (first.Status, first.Replayed));
        Assert.Equal((first.Status, first.Body, true), again);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
        Assert.Contains("idempotency_key_reused", other.Body, StringComparison.Ordinal);
    }
}
