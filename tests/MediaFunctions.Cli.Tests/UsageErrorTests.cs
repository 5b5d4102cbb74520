using MediaFunctions.Testing.Api;
using Xunit.Abstractions;

namespace MediaFunctions.Cli.Tests;

/// <summary>Each wrong command line exits 2 with a message saying what is wrong, before any request (nothing listens at the URL).</summary>
public sealed class UsageErrorTests(ITestOutputHelper output)
{
    private static readonly Uri Nowhere = new($"http://127.0.0.1:{MediaFunctions.Testing.FreePort.Next()}");

    [Theory]
    [InlineData("extract|/no/such/file.mp4", "is neither a file nor an http(s) URL")]
    [InlineData("extract|https://example.com/a.mp4|--full|--start|3", "--full takes the whole track")]
    [InlineData("extract|https://example.com/a.mp4|--upload-session", "--upload-session is for files")]
    [InlineData("extract|https://example.com/a.mp4|--start|soon", "soon")]
    [InlineData("download|not-a-url", "is not an http(s) URL")]
    [InlineData("batch", "Give exactly one of URL and --urls-file")]
    [InlineData("batch|https://example.com/feed.xml|--urls-file|/no/such/list.txt", "Give exactly one of URL and --urls-file")]
    [InlineData("jobs|list|--limit|500", "--limit must be between 1 and 100")]
    [InlineData("jobs|get", "ID")]
    [InlineData("transcode|a.mp4", "transcode")]
    public async Task Run_WrongCommandLine_ExitsTwoSayingWhy(string arguments, string message)
    {
        using var timeout = JobApi.Timeout(30);

        var run = await Mediafn.RunAsync(Mediafn.Environment(Nowhere, "any-key"), Mediafn.NewFolder(), arguments.Split('|'), timeout.Token);

        output.WriteLine(run.ToString());
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.StandardError, StringComparison.Ordinal);
        Assert.Empty(run.StandardOutput);
    }

    [Fact]
    public async Task Run_NoKeyAnywhere_ExitsTwoNamingTheWaysToGiveOne()
    {
        using var timeout = JobApi.Timeout(30);

        var run = await Mediafn.RunAsync(Mediafn.Environment(Nowhere, key: null), Mediafn.NewFolder(), ["jobs", "list"], timeout.Token);

        output.WriteLine(run.ToString());
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("No API key: pass --key, set MEDIAFN_KEY", run.StandardError, StringComparison.Ordinal);
    }
}
