using System.Text.Json;
using MediaFunctions.Testing.Api;
using Xunit.Abstractions;

namespace MediaFunctions.Cli.Tests.Retries;

/// <summary>A submit whose answer is lost is sent again with the same <c>Idempotency-Key</c>, and the server runs the job once.</summary>
[Collection(CliCollection.Name)]
public sealed class IdempotentSubmitTests(CliFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Extract_AnswerLostAfterTheServerTookIt_RetryGetsTheSameJobAndTheKeyHasOne()
    {
        using var timeout = JobApi.Timeout(90);
        await using var proxy = new ResponseDroppingProxy(fixture.Host.Port);

        var run = await Mediafn.RunAsync(Mediafn.Environment(proxy.BaseAddress, CliFixture.CarolKey), Mediafn.NewFolder(),
            ["extract", fixture.Media.Mp4, "--format", "mp3", "--json"], timeout.Token);

        output.WriteLine(run.ToString());
        Assert.Equal(1, proxy.Dropped);
        Assert.Equal(0, run.ExitCode);
        var id = JsonDocument.Parse(run.StandardOutput).RootElement.GetProperty("id").GetString();
        using var carol = fixture.Host.CreateClient();
        carol.DefaultRequestHeaders.Authorization = new("Bearer", CliFixture.CarolKey);
        var (_, jobs) = await JobApi.GetAsync(carol, "/api/jobs", timeout.Token);
        Assert.Equal(id, Assert.Single(jobs.EnumerateArray()).GetProperty("id").GetString());
    }
}
