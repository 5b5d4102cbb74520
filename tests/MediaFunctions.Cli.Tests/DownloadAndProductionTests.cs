using System.Text.Json;
using MediaFunctions.Testing.Api;
using Xunit.Abstractions;

namespace MediaFunctions.Cli.Tests;

/// <summary><c>download</c> and <c>production</c> in <c>--json</c> mode: the API's final resource and the saved, measured files.</summary>
[Collection(CliCollection.Name)]
public sealed class DownloadAndProductionTests(CliFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Download_ClipAsAudioOnlyMp3_SavesTwoSeconds()
    {
        using var timeout = JobApi.Timeout(90);
        var folder = Mediafn.NewFolder();

        var run = await Mediafn.RunAsync(Mediafn.Environment(fixture.Host.BaseAddress, CliFixture.AliceKey), folder,
            ["download", fixture.Origin.Url("h264-aac.mp4").ToString(), "--format", "mp3", "--audio-only", "--clip-start", "1", "--clip-end", "3", "--json"],
            timeout.Token);

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        var job = JsonDocument.Parse(run.StandardOutput).RootElement;
        Assert.Equal("download", job.GetProperty("kind").GetString());
        var saved = Assert.Single(job.GetProperty("files").EnumerateArray()).GetString()!;
        Assert.EndsWith(".mp3", saved, StringComparison.Ordinal);
        var seconds = (await JobApi.ProbeAsync(saved, timeout.Token)).Duration!.Value.TotalSeconds;
        output.WriteLine($"{saved}: {seconds:0.000} s");
        Assert.InRange(seconds, 1.9, 2.1);
    }

    [Fact]
    public async Task Production_FileWithLoudnessAndMp3_SavesTheProductionsFile()
    {
        using var timeout = JobApi.Timeout(120);
        var folder = Mediafn.NewFolder();

        var run = await Mediafn.RunAsync(Mediafn.Environment(fixture.Host.BaseAddress, CliFixture.AliceKey), folder,
            ["production", fixture.Media.Mp4, "--loudness", "-16", "--output", "mp3", "--title", "Episode 1", "--json"], timeout.Token);

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        var envelope = JsonDocument.Parse(run.StandardOutput).RootElement;
        var data = envelope.GetProperty("data");
        Assert.Equal(3, data.GetProperty("status").GetInt32());
        Assert.Equal("Episode 1", data.GetProperty("metadata").GetProperty("title").GetString());
        var saved = Assert.Single(envelope.GetProperty("files").EnumerateArray()).GetString()!;
        Assert.Equal(data.GetProperty("output_files")[0].GetProperty("size").GetInt64(), new FileInfo(saved).Length);
        var seconds = (await JobApi.ProbeAsync(saved, timeout.Token)).Duration!.Value.TotalSeconds;
        output.WriteLine($"{saved}: {seconds:0.000} s");
        Assert.InRange(seconds, 4.8, 5.2);
    }
}
