using System.Text.Json;
using MediaFunctions.Testing.Api;
using Xunit.Abstractions;

namespace MediaFunctions.Cli.Tests;

/// <summary>mediafn for scripts: <c>--json</c> output, the exit codes, and the jobs verbs.</summary>
[Collection(CliCollection.Name)]
public sealed class ExtractJsonTests(CliFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Extract_Json_PrintsOnlyTheFinalJobWithTheSavedFiles()
    {
        using var timeout = JobApi.Timeout(90);
        var folder = Mediafn.NewFolder();

        var run = await Mediafn.RunAsync(Mediafn.Environment(fixture.Host.BaseAddress, CliFixture.AliceKey), folder,
            ["extract", fixture.Media.Mkv, "--format", "flac", "--full", "--json"], timeout.Token);

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.StandardOutput);
        var job = document.RootElement;
        Assert.Equal("completed", job.GetProperty("state").GetString());
        var files = job.GetProperty("files").EnumerateArray().Select(file => file.GetString()!).ToList();
        var saved = Assert.Single(files);
        Assert.Equal(Path.Combine(folder, "h264-ac3.flac"), saved);
        Assert.Equal(job.GetProperty("outputs")[0].GetProperty("size").GetInt64(), new FileInfo(saved).Length);
        Assert.InRange((await JobApi.ProbeAsync(saved, timeout.Token)).Duration!.Value.TotalSeconds, 4.9, 5.1);

        var shown = await Mediafn.RunAsync(Mediafn.Environment(fixture.Host.BaseAddress, CliFixture.AliceKey), folder,
            ["jobs", "get", job.GetProperty("id").GetString()!], timeout.Token);
        Assert.Equal(0, shown.ExitCode);
        Assert.Equal("completed", JsonDocument.Parse(shown.StandardOutput).RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Extract_ClipPastTheEnd_ExitsOneWithTheApisMessage()
    {
        using var timeout = JobApi.Timeout(90);

        var run = await Mediafn.RunAsync(Mediafn.Environment(fixture.Host.BaseAddress, CliFixture.AliceKey), Mediafn.NewFolder(),
            ["extract", fixture.Media.Mp4, "--start", "30", "--duration", "2", "--json"], timeout.Token);

        // The API refuses it at submit (400 with the envelope): no job ran, so nothing is on stdout.
        output.WriteLine(run.ToString());
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("start_time (30 s) is at or past the end of the media", run.StandardError, StringComparison.Ordinal);
        Assert.Empty(run.StandardOutput);
    }

    [Fact]
    public async Task Extract_UnknownOption_ExitsTwo()
    {
        using var timeout = JobApi.Timeout(30);

        var run = await Mediafn.RunAsync(Mediafn.Environment(fixture.Host.BaseAddress, CliFixture.AliceKey), Mediafn.NewFolder(),
            ["extract", fixture.Media.Mp4, "--no-such-option"], timeout.Token);

        output.WriteLine(run.ToString());
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no-such-option", run.StandardError, StringComparison.Ordinal);
        Assert.Empty(run.StandardOutput);
    }

    [Fact]
    public async Task JobsList_BadKey_ExitsThreeWithTheApisMessage()
    {
        using var timeout = JobApi.Timeout(30);

        var run = await Mediafn.RunAsync(Mediafn.Environment(fixture.Host.BaseAddress, "not-a-key"), Mediafn.NewFolder(), ["jobs", "list", "--json"],
            timeout.Token);

        output.WriteLine(run.ToString());
        Assert.Equal(3, run.ExitCode);
        using var client = fixture.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-key");
        var (_, body) = await JobApi.GetAsync(client, "/api/jobs", timeout.Token);
        Assert.Contains(JobApi.Error(body).Message, run.StandardError.ReplaceLineEndings(""), StringComparison.Ordinal);
        Assert.Empty(run.StandardOutput);
    }

    [Fact]
    public async Task JobsList_NothingListening_ExitsFour()
    {
        using var timeout = JobApi.Timeout(60);
        var nowhere = new Uri($"http://127.0.0.1:{MediaFunctions.Testing.FreePort.Next()}");

        var run = await Mediafn.RunAsync(Mediafn.Environment(nowhere, CliFixture.AliceKey), Mediafn.NewFolder(), ["jobs"], timeout.Token);

        output.WriteLine(run.ToString());
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("Connection refused", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsDelete_ThenGet_ExitsOneWithNotFound()
    {
        using var timeout = JobApi.Timeout(90);
        var environment = Mediafn.Environment(fixture.Host.BaseAddress, CliFixture.BobKey);
        var folder = Mediafn.NewFolder();
        var extract = await Mediafn.RunAsync(environment, folder, ["extract", fixture.Media.Webm, "--format", "ogg", "--json"], timeout.Token);
        Assert.True(extract.ExitCode == 0, extract.ToString());
        var id = JsonDocument.Parse(extract.StandardOutput).RootElement.GetProperty("id").GetString()!;

        var waited = await Mediafn.RunAsync(environment, folder, ["wait", id, "--json", "-o", "again"], timeout.Token);
        var listed = await Mediafn.RunAsync(environment, folder, ["jobs", "list", "--json"], timeout.Token);
        var deleted = await Mediafn.RunAsync(environment, folder, ["jobs", "delete", id], timeout.Token);
        var gone = await Mediafn.RunAsync(environment, folder, ["jobs", "get", id], timeout.Token);

        output.WriteLine($"{waited}\n{listed}\n{deleted}\n{gone}");
        Assert.Equal(0, waited.ExitCode);
        Assert.True(File.Exists(Path.Combine(folder, "again", "vp8-vorbis.ogg")));
        Assert.Contains(JsonDocument.Parse(listed.StandardOutput).RootElement.EnumerateArray(), job => job.GetProperty("id").GetString() == id);
        Assert.Equal(0, deleted.ExitCode);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains(id, gone.StandardError, StringComparison.Ordinal);
    }
}
