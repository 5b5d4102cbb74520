using MediaFunctions.Testing.Api;
using Xunit.Abstractions;

namespace MediaFunctions.Cli.Tests.Terminal;

/// <summary><c>batch</c> in a pseudo-terminal: one bar per item, then every item's file.</summary>
[Collection(CliCollection.Name)]
public sealed class BatchInTerminalTests(CliFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Batch_UrlsFile_ShowsABarPerItemAndSavesEachItemsFileUnderItsOwnName()
    {
        using var timeout = JobApi.Timeout(120);
        var folder = Mediafn.NewFolder();
        await File.WriteAllLinesAsync(Path.Combine(folder, "urls.txt"),
            ["# three items, two of one name", fixture.Origin.Url("h264-aac.mp4").ToString(), "", fixture.Origin.Url("vp8-vorbis.webm").ToString(),
                fixture.Origin.Url("h264-aac.mp4").ToString()], timeout.Token);
        await using var screen = await TmuxScreen.StartAsync(Mediafn.Environment(fixture.Host.BaseAddress, CliFixture.AliceKey), folder,
            ["batch", "--urls-file", "urls.txt", "--audio-only", "--format", "mp3", "-o", "out"], timeout.Token);

        var (exitCode, text) = await screen.WaitForExitAsync(timeout.Token);

        output.WriteLine(text);
        Assert.True(exitCode == 0, text);
        Assert.Matches(@"item 1: h264-aac\.mp4 \(completed\) .*100%", text);
        Assert.Matches(@"item 2: vp8-vorbis\.webm \(completed\) .*100%", text);
        Assert.Matches(@"item 3: h264-aac\.mp4 \(completed\) .*100%", text);
        Assert.Contains("Done: batch", text, StringComparison.Ordinal);
        var files = Directory.GetFiles(Path.Combine(folder, "out"), "*.mp3");
        Assert.Equal(["h264-aac (2).mp3", "h264-aac.mp3", "vp8-vorbis.mp3"], files.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            Assert.InRange((await JobApi.ProbeAsync(file, timeout.Token)).Duration!.Value.TotalSeconds, 4.8, 5.2);
        }
    }
}
