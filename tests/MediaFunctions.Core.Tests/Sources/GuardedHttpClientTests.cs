using System.Net;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Sources.Egress;
using MediaFunctions.Testing.Media;
using MediaFunctions.Testing.Servers;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Core.Tests.Sources;

public sealed class GuardedHttpClientTests(OriginMedia origin) : IClassFixture<OriginMedia>
{
    [Theory]
    [InlineData("http://127.0.0.1:{port}/media/long.mp4")]
    [InlineData("http://[::1]:{port}/media/long.mp4")]
    [InlineData("http://localhost:{port}/media/long.mp4")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/a.mp4")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/media/long.mp4")]
    public async Task SendAsync_PrivateAddressNotAllowed_UrlNotAllowedBeforeConnecting(string url)
    {
        await using var sources = new GuardedSources(new SourceOptions());
        origin.Server.ResetCounts();
        using var request = new HttpRequestMessage(HttpMethod.Get, url.Replace("{port}", origin.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var refused = await Assert.ThrowsAsync<InvalidJobInputException>(() => sources.Client.SendAsync(request, FfmpegTools.Timeout(30)));

        Assert.Equal(UrlSourcePolicy.NotAllowedCode, refused.Code);
        Assert.Empty(origin.Server.Requests);
    }

    [Theory]
    [InlineData("http://127.0.0.2:{port}/media/long.mp4")]
    [InlineData("http://[::1]:{port}/media/long.mp4")]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/security-credentials/")]
    [InlineData("http://10.0.0.1/a.mp4")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/a.mp4")]
    public async Task SendAsync_AllowedHostRedirectsToAPrivateAddress_UrlNotAllowed(string target)
    {
        // 127.0.0.1 (where the test server is) is allowed; every other private address is not.
        await using var sources = GuardedSources.AllowingOnly127001();
        var path = $"redirect/{Guid.NewGuid():N}";
        origin.Server.Redirect(path, target.Replace("{port}", origin.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Get, origin.Server.Url(path));

        var refused = await Assert.ThrowsAsync<InvalidJobInputException>(() => sources.Client.SendAsync(request, FfmpegTools.Timeout(30)));

        Assert.Equal(UrlSourcePolicy.NotAllowedCode, refused.Code);
    }

    [Fact]
    public async Task SendAsync_RedirectWithinAllowedAddresses_FollowsItAndReportsTheFinalUrl()
    {
        await using var sources = GuardedSources.AllowingOnly127001();
        origin.Server.Redirect("redirect/first", "/redirect/second", StatusCodes.Status301MovedPermanently);
        origin.Server.Redirect("redirect/second", origin.LongMp4Url.AbsoluteUri, StatusCodes.Status307TemporaryRedirect);
        using var request = new HttpRequestMessage(HttpMethod.Head, origin.Server.Url("redirect/first"));

        using var response = await sources.Client.SendAsync(request, FfmpegTools.Timeout(30));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(origin.LongMp4Url, response.RequestMessage!.RequestUri);
        Assert.Equal(new FileInfo(origin.LongMp4Path).Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task SendAsync_RedirectLoop_InvalidUrlAfterTheLimit()
    {
        await using var sources = GuardedSources.AllowingOnly127001();
        origin.Server.Redirect("redirect/loop", "/redirect/loop");
        origin.Server.ResetCounts();
        using var request = new HttpRequestMessage(HttpMethod.Get, origin.Server.Url("redirect/loop"));

        var refused = await Assert.ThrowsAsync<InvalidJobInputException>(() => sources.Client.SendAsync(request, FfmpegTools.Timeout(30)));

        Assert.Equal("invalid_url", refused.Code);
        Assert.Equal(GuardedHttpClient.MaxRedirects + 1, origin.Server.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_PostGetsARedirect_ReturnsItUnfollowed()
    {
        await using var sources = GuardedSources.AllowingOnly127001();
        origin.Server.Redirect("redirect/webhook", "http://169.254.169.254/");
        using var request = new HttpRequestMessage(HttpMethod.Post, origin.Server.Url("redirect/webhook")) { Content = new StringContent("{}") };

        using var response = await sources.Client.SendAsync(request, FfmpegTools.Timeout(30));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/a.mp4")]
    public async Task SendAsync_NotHttp_InvalidUrl(string url)
    {
        await using var sources = GuardedSources.AllowingLoopback();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);

        var refused = await Assert.ThrowsAsync<InvalidJobInputException>(() => sources.Client.SendAsync(request, FfmpegTools.Timeout(30)));

        Assert.Equal("invalid_url", refused.Code);
    }
}
