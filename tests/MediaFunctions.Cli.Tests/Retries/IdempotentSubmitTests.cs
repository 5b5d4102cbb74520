using System.Text.Json;
using MediaFunctions.Testing.Api;
using Xunit.Abstractions;

namespace MediaFunctions.Cli.Tests.Retries;

/// <summary>What mediafn does when the network breaks: a lost submit answer, a cut event stream.</summary>
[Collection(CliCollection.Name)]
public sealed class IdempotentSubmitTests(CliFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Extract_AnswerLostAfterTheServerTookIt_RetryGetsTheSameJobAndTheKeyHasOne()
    {
        using var timeout = JobApi.Timeout(90);
        await using var proxy = new FaultyProxy(fixture.Host.Port, FaultyProxy.Fault.DropFirstPostAnswer);

        var run = await Mediafn.RunAsync(Mediafn.Environment(proxy.BaseAddress, CliFixture.CarolKey), Mediafn.NewFolder(),
            ["extract", fixture.Media.Mp4, "--format", "mp3", "--json"], timeout.Token);

        output.WriteLine(run.ToString());
        Assert.Equal(1, proxy.Faults);
        Assert.Equal(0, run.ExitCode);
        var posts = proxy.RequestHeads.Where(head => head.StartsWith("POST ", StringComparison.Ordinal)).Select(IdempotencyKey).ToList();
        Assert.Equal(2, posts.Count);
        Assert.NotNull(posts[0]);
        Assert.Equal(posts[0], posts[1]);
        var id = JsonDocument.Parse(run.StandardOutput).RootElement.GetProperty("id").GetString();
        using var carol = fixture.Host.CreateClient();
        carol.DefaultRequestHeaders.Authorization = new("Bearer", CliFixture.CarolKey);
        var (_, jobs) = await JobApi.GetAsync(carol, "/api/jobs", timeout.Token);
        Assert.Equal(id, Assert.Single(jobs.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Extract_HungUpOnBeforeTheAnswer_RetryGetsTheOneJobTheKeyHas()
    {
        using var timeout = JobApi.Timeout(90);
        await using var proxy = new FaultyProxy(fixture.Host.Port, FaultyProxy.Fault.HangUpOnFirstPostOnceSent);

        var run = await Mediafn.RunAsync(Mediafn.Environment(proxy.BaseAddress, CliFixture.DaveKey), Mediafn.NewFolder(),
            ["extract", fixture.Tone, "--format", "mp3", "--json"], timeout.Token);

        output.WriteLine(run.ToString());
        Assert.Equal(1, proxy.Faults);
        Assert.Equal(0, run.ExitCode);
        var posts = proxy.RequestHeads.Where(head => head.StartsWith("POST ", StringComparison.Ordinal)).Select(IdempotencyKey).ToList();
        output.WriteLine($"{posts.Count} POSTs");
        Assert.True(posts.Count >= 2);
        Assert.Single(posts.Distinct());
        var id = JsonDocument.Parse(run.StandardOutput).RootElement.GetProperty("id").GetString();
        using var dave = fixture.Host.CreateClient();
        dave.DefaultRequestHeaders.Authorization = new("Bearer", CliFixture.DaveKey);
        var (_, jobs) = await JobApi.GetAsync(dave, "/api/jobs", timeout.Token);
        Assert.Equal(id, Assert.Single(jobs.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Wait_EventStreamCutAfterOneEvent_ReconnectsWithLastEventIdAndFinishes()
    {
        using var timeout = JobApi.Timeout(90);
        using var alice = fixture.Host.CreateClient();
        alice.DefaultRequestHeaders.Authorization = new("Bearer", CliFixture.AliceKey);
        // A job still running when the stream opens, so its first event is not already the last.
        var accepted = await JobApi.SubmitNativeAsync(alice, JobApi.Form(fixture.Tone, ("output_format", "flac"), ("full_audio", "true")), timeout.Token);
        await using var proxy = new FaultyProxy(fixture.Host.Port, FaultyProxy.Fault.CutFirstEventStreamAfterOneEvent);

        var run = await Mediafn.RunAsync(Mediafn.Environment(proxy.BaseAddress, CliFixture.AliceKey), Mediafn.NewFolder(),
            ["wait", accepted.GetProperty("jobId").GetString()!, "--json"], timeout.Token);

        output.WriteLine(run.ToString());
        var streams = proxy.RequestHeads.Where(head => head.Contains("/events ", StringComparison.Ordinal)).ToList();
        output.WriteLine(string.Join("\n---\n", streams));
        Assert.Equal(1, proxy.Faults);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("completed", JsonDocument.Parse(run.StandardOutput).RootElement.GetProperty("state").GetString());
        Assert.True(streams.Count >= 2, "the stream was not reopened");
        Assert.DoesNotContain("Last-Event-ID", streams[0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Last-Event-ID", streams[1], StringComparison.OrdinalIgnoreCase);
    }

    private static string? IdempotencyKey(string head) =>
        head.Split("\r\n").FirstOrDefault(line => line.StartsWith("Idempotency-Key:", StringComparison.OrdinalIgnoreCase))?["Idempotency-Key:".Length..].Trim();
}
