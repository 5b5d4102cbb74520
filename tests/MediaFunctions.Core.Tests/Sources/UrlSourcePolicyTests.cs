using System.Net;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Sources;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Tests.Sources;

public sealed class UrlSourcePolicyTests
{
    private static UrlSourcePolicy Policy(bool allowPrivateNetworks = false) =>
        new(Options.Create(new SourceOptions { AllowPrivateNetworks = allowPrivateNetworks }));

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("100.64.0.1")]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("169.254.169.254")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    public void IsPrivate_NonPublicAddress_True(string address) =>
        Assert.True(UrlSourcePolicy.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void IsPrivate_PublicAddress_False(string address) =>
        Assert.False(UrlSourcePolicy.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/a.mp4")]
    [InlineData("gopher://example.com/")]
    [InlineData("data:video/mp4;base64,AAAA")]
    [InlineData("/relative/video.mp4")]
    [InlineData("")]
    [InlineData("http://user:secret@8.8.8.8/a.mp4")]
    public async Task CheckAsync_NotAPlainHttpUrl_InvalidUrl(string url)
    {
        var refused = await Assert.ThrowsAsync<InvalidJobInputException>(() => Policy(allowPrivateNetworks: true).CheckAsync(url, Timeout()));
        Assert.Equal("invalid_url", refused.Code);
        Assert.Contains("source.url", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/inputs/a")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("https://[::1]/a.mp4")]
    [InlineData("http://10.0.0.5/a.mp4")]
    [InlineData("http://localhost/a.mp4")]
    [InlineData("http://0x7f000001/a.mp4")]
    public async Task CheckAsync_PrivateHostWhenNotAllowed_UrlNotAllowed(string url)
    {
        var refused = await Assert.ThrowsAsync<InvalidJobInputException>(() => Policy().CheckAsync(url, Timeout()));
        Assert.Equal("url_not_allowed", refused.Code);
    }

    [Theory]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/inputs/a")]
    [InlineData("http://localhost/a.mp4")]
    public async Task CheckAsync_PrivateHostWhenAllowed_ReturnsTheUrl(string url) =>
        Assert.Equal(new Uri(url), await Policy(allowPrivateNetworks: true).CheckAsync(url, Timeout()));

    [Fact]
    public async Task CheckAsync_PublicAddress_ReturnsTheUrl() =>
        Assert.Equal(new Uri("https://93.184.216.34/clip.mp4?x=1"), await Policy().CheckAsync("https://93.184.216.34/clip.mp4?x=1", Timeout()));

    [Fact]
    public async Task CheckAsync_UnresolvableHost_InvalidUrl()
    {
        var refused = await Assert.ThrowsAsync<InvalidJobInputException>(() => Policy().CheckAsync("http://no-such-host.invalid/a.mp4", Timeout()));
        Assert.Equal("invalid_url", refused.Code);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("127.0.0.2", false)]
    [InlineData("10.20.3.4", true)]
    [InlineData("10.21.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("8.8.8.8", true)]
    public void IsAllowed_WithAllowedNetworks_OnlyThoseAmongPrivateAddresses(string address, bool allowed)
    {
        var policy = new UrlSourcePolicy(Options.Create(new SourceOptions { AllowedNetworks = ["127.0.0.1/32", "10.20.0.0/16"] }));

        Assert.Equal(allowed, policy.IsAllowed(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("fd00:1::/64", true)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("intranet", false)]
    public void SourceOptionsValidator_AllowedNetworks_CidrOnly(string network, bool valid) =>
        Assert.Equal(valid, new SourceOptionsValidator().Validate(null, new SourceOptions { AllowedNetworks = [network] }).Succeeded);

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
