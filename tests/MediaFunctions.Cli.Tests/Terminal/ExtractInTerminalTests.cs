using System.Text.RegularExpressions;
using MediaFunctions.Testing.Api;
using Xunit.Abstractions;

namespace MediaFunctions.Cli.Tests.Terminal;

/// <summary>mediafn in a pseudo-terminal: what a person sees (bars, the done line) and the files it leaves.</summary>
[Collection(CliCollection.Name)]
public sealed partial class ExtractInTerminalTests(CliFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Extract_FileInTerminal_ShowsUploadJobAndDownloadBarsThenSavesTheClips()
    {
        using var timeout = JobApi.Timeout(90);
        var folder = Mediafn.NewFolder();
        await using var screen = await TmuxScreen.StartAsync(Mediafn.Environment(fixture.Host.BaseAddress, CliFixture.AliceKey), folder,
            ["extract", fixture.Media.Mp4, "--format", "mp3", "--format", "wav", "--start", "1", "--duration", "2", "-o", "out"], timeout.Token);

        var (exitCode, text) = await screen.WaitForExitAsync(timeout.Token);

        output.WriteLine(text);
        Assert.True(exitCode == 0, text);
        Assert.Contains("upload h264-aac.mp4", text, StringComparison.Ordinal);
        Assert.Matches(@"job \S+: completed .*100%", text);
        Assert.Matches(@"download h264-aac\.mp3 .*100%", text);
        Assert.Matches(@"download h264-aac\.wav .*100%", text);
        Assert.Contains("Done: job", text, StringComparison.Ordinal);
        foreach (var extension in new[] { "mp3", "wav" })
        {
            var file = Path.Combine(folder, "out", "h264-aac." + extension);
            Assert.True(File.Exists(file), $"{file} is missing:\n{text}");
            var seconds = (await JobApi.ProbeAsync(file, timeout.Token)).Duration!.Value.TotalSeconds;
            output.WriteLine($"{extension}: {seconds:0.000} s");
            Assert.InRange(seconds, 1.9, 2.1);
        }
    }

    [Fact]
    public async Task Extract_LongMediaInTerminal_JobBarMovesWithTheEventsBeforeItCompletes()
    {
        using var timeout = JobApi.Timeout(120);
        var folder = Mediafn.NewFolder();
        await using var screen = await TmuxScreen.StartAsync(Mediafn.Environment(fixture.Host.BaseAddress, CliFixture.AliceKey), folder,
            ["extract", fixture.Tone, "--format", "mp3", "--format", "ogg", "--format", "aac", "--format", "flac", "--full"], timeout.Token);

        var midway = await screen.WaitForScreenAsync(text => RunningJobBar().IsMatch(text), timeout.Token);

        output.WriteLine(midway);
        var running = RunningJobBar().Match(midway);
        Assert.True(running.Success, midway);
        // Seen moving: the rest of the run is the first test's; the job is deleted so its ffmpeg stops now.
        using var alice = fixture.Host.CreateClient();
        alice.DefaultRequestHeaders.Authorization = new("Bearer", CliFixture.AliceKey);
        using var deleted = await alice.DeleteAsync(new Uri($"/api/jobs/{running.Groups["id"].Value}", UriKind.Relative), timeout.Token);
        Assert.True(deleted.IsSuccessStatusCode, deleted.StatusCode.ToString());
    }

    /// <summary>The job's bar at a stage short of completed, between 1 and 99 %.</summary>
    [GeneratedRegex(@"job (?<id>\S+): (?!completed)\w+ .* [1-9]\d?%")]
    private static partial Regex RunningJobBar();
}
