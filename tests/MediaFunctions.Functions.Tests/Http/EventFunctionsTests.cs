using System.Net;
using MediaFunctions.Testing.Api;
using Xunit.Abstractions;

namespace MediaFunctions.Functions.Tests.Http;

/// <summary>The live-progress stream as the Functions app serves it: the self-host's handler through the function pipeline.</summary>
public sealed class EventFunctionsTests(ErrorParityFixture fixture, ITestOutputHelper output) : IClassFixture<ErrorParityFixture>
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
}
