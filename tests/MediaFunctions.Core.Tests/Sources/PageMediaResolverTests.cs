using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Sources.Pages;
using MediaFunctions.Testing.Media;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Core.Tests.Sources;

public sealed class PageMediaResolverTests(OriginMedia origin) : IClassFixture<OriginMedia>
{
    [Fact]
    public async Task ResolveAsync_PageWithAVideoElement_ReturnsItsMediaTitleThumbnailAndSubtitles()
    {
        await using var sources = GuardedSources.AllowingOnly127001();
        var page = await WritePageAsync("""
            <!DOCTYPE html><html><head><title>Test clip page</title></head><body>
            <video controls poster="/media/poster.jpg"><source src="/media/long.mp4" type="video/mp4">
            <track kind="subtitles" srclang="en" src="/media/en.vtt"></video></body></html>
            """);
        origin.Server.ResetCounts();

        var media = await sources.Pages.ResolveAsync(page, cancellationToken: FfmpegTools.Timeout(120));

        var format = Assert.Single(media.Formats);
        Assert.Equal(origin.LongMp4Url, format.Url);
        Assert.Equal("mp4", format.Extension);
        Assert.StartsWith("Test clip page", media.Title, StringComparison.Ordinal);
        Assert.Equal(origin.Server.Url("media/poster.jpg"), media.ThumbnailUrl);
        var subtitle = Assert.Single(media.Subtitles);
        Assert.Equal(("en", origin.Server.Url("media/en.vtt")), (subtitle.Language, subtitle.Url));
        Assert.False(media.IsLive);
        Assert.Contains(origin.Server.Requests, request => request.Path == page.AbsolutePath);
    }

    [Fact]
    public async Task ResolveAsync_PageWithoutMedia_NoMediaFound()
    {
        await using var sources = GuardedSources.AllowingOnly127001();
        var page = await WritePageAsync("<html><head><title>Meeting notes</title></head><body><p>No video here.</p></body></html>");

        var failed = await Assert.ThrowsAsync<NoMediaFoundException>(() => sources.Pages.ResolveAsync(page, cancellationToken: FfmpegTools.Timeout(120)));

        Assert.Equal(page, failed.PageUrl);
        Assert.Contains("Unsupported URL", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_PageOnAnAddressNotAllowed_UrlNotAllowed()
    {
        await using var sources = GuardedSources.AllowingOnly127001();
        var page = await WritePageAsync("<html><body><video src=\"/media/long.mp4\"></video></body></html>");
        var elsewhere = new UriBuilder(page) { Host = "127.0.0.2" }.Uri;

        var refused = await Assert.ThrowsAsync<InvalidJobInputException>(() => sources.Pages.ResolveAsync(elsewhere, cancellationToken: FfmpegTools.Timeout(120)));

        Assert.Equal(UrlSourcePolicy.NotAllowedCode, refused.Code);
    }

    private async Task<Uri> WritePageAsync(string html)
    {
        var folder = origin.NewOutputFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "page.html"), html);
        return origin.Server.Url($"{Path.GetFileName(folder)}/page.html");
    }
}
