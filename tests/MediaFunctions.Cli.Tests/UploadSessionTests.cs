using System.Text.Json;
using MediaFunctions.Testing.Api;
using Xunit.Abstractions;

namespace MediaFunctions.Cli.Tests;

/// <summary>A file sent through an upload session (blocks straight to storage), and the job that names the upload.</summary>
[Collection(CliCollection.Name)]
public sealed class UploadSessionTests(CliFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Extract_UploadSession_JobOnTheUploadSavesTheClip()
    {
        using var timeout = JobApi.Timeout(90);
        var folder = Mediafn.NewFolder();

        var run = await Mediafn.RunAsync(Mediafn.Environment(fixture.Host.BaseAddress, CliFixture.AliceKey), folder,
            ["extract", fixture.Media.Mov, "--upload-session", "--format", "wav", "--start", "1", "--duration", "3", "--json"], timeout.Token);

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        var job = JsonDocument.Parse(run.StandardOutput).RootElement;
        var saved = Assert.Single(job.GetProperty("files").EnumerateArray()).GetString()!;
        Assert.InRange((await JobApi.ProbeAsync(saved, timeout.Token)).Duration!.Value.TotalSeconds, 2.9, 3.1);
    }
}
