using System.Net;
using System.Net.Sockets;
using System.Text;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Sources.Egress;
using MediaFunctions.Testing.Media;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Core.Tests.Sources;

public sealed class EgressProxyTests(OriginMedia origin) : IClassFixture<OriginMedia>
{
    [Fact]
    public async Task Lease_PlainRequestThroughTheProxy_ReachesTheOrigin()
    {
        await using var sources = GuardedSources.AllowingOnly127001();
        using var lease = sources.Proxy.Lease();
        using var http = ProxiedClient(lease);
        origin.Server.ResetCounts();

        using var response = await http.GetAsync(origin.LongMp4Url, HttpCompletionOption.ResponseHeadersRead, FfmpegTools.Timeout(30));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new FileInfo(origin.LongMp4Path).Length, response.Content.Headers.ContentLength);
        Assert.Equal(1, lease.Connections);
        Assert.Null(lease.Refusal);
    }

    [Fact]
    public async Task Lease_RedirectToAnotherLoopbackAddress_ProxyRefusesTheSecondHop()
    {
        await using var sources = GuardedSources.AllowingOnly127001();
        using var lease = sources.Proxy.Lease();
        using var http = ProxiedClient(lease);
        origin.Server.Redirect("proxy/moved", $"http://127.0.0.2:{origin.Server.Port}/media/long.mp4");

        using var response = await http.GetAsync(origin.Server.Url("proxy/moved"), FfmpegTools.Timeout(30));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var refusal = Assert.IsType<InvalidJobInputException>(lease.Refusal);
        Assert.Equal(UrlSourcePolicy.NotAllowedCode, refusal.Code);
    }

    [Theory]
    [InlineData("169.254.169.254:443")]
    [InlineData("localhost:443")]
    [InlineData("[::1]:443")]
    [InlineData("10.0.0.1:443")]
    public async Task Lease_ConnectToAPrivateAddress_403AndUrlNotAllowed(string destination)
    {
        await using var sources = new GuardedSources(new SourceOptions());
        using var lease = sources.Proxy.Lease();

        var answer = await RawRequestAsync(lease.ProxyUrl,
            $"CONNECT {destination} HTTP/1.1\r\nHost: {destination}\r\nProxy-Authorization: {Basic(lease)}\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 403 ", answer, StringComparison.Ordinal);
        Assert.Equal(UrlSourcePolicy.NotAllowedCode, Assert.IsType<InvalidJobInputException>(lease.Refusal).Code);
    }

    [Fact]
    public async Task Lease_ConnectTunnel_CarriesBytesBothWays()
    {
        await using var sources = GuardedSources.AllowingOnly127001();
        using var lease = sources.Proxy.Lease();
        var destination = $"127.0.0.1:{origin.Server.Port}";

        var answer = await RawRequestAsync(lease.ProxyUrl,
            $"CONNECT {destination} HTTP/1.1\r\nHost: {destination}\r\nProxy-Authorization: {Basic(lease)}\r\n\r\n"
            + $"HEAD /media/long.mp4 HTTP/1.1\r\nHost: {destination}\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200 Connection Established\r\n\r\nHTTP/1.1 200 OK", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lease_Revoked_ProxyAsksForCredentials()
    {
        await using var sources = GuardedSources.AllowingOnly127001();
        var lease = sources.Proxy.Lease();
        lease.Dispose();

        var answer = await RawRequestAsync(lease.ProxyUrl,
            $"GET {origin.LongMp4Url} HTTP/1.1\r\nHost: 127.0.0.1\r\nProxy-Authorization: {Basic(lease)}\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 407 ", answer, StringComparison.Ordinal);
        Assert.Equal(0, lease.Connections);
    }

    private static HttpClient ProxiedClient(EgressProxyLease lease)
    {
        var secret = lease.ProxyUrl.UserInfo.Split(':')[1];
        var proxy = new WebProxy(lease.ProxyUrl.GetLeftPart(UriPartial.Authority)) { Credentials = new NetworkCredential("lease", secret) };
        return new HttpClient(new SocketsHttpHandler { Proxy = proxy, UseProxy = true });
    }

    private static string Basic(EgressProxyLease lease) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(lease.ProxyUrl.UserInfo)));

    /// <summary>Sends raw bytes to the proxy and returns everything it answers until it closes (or 5 s pass).</summary>
    private static async Task<string> RawRequestAsync(Uri proxyUrl, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, proxyUrl.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        var answer = new MemoryStream();
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await stream.CopyToAsync(answer, quiet.Token);
        }
        catch (OperationCanceledException)
        {
            // A tunnel stays open until the far side closes; what arrived is enough.
        }

        return Encoding.Latin1.GetString(answer.ToArray());
    }
}
