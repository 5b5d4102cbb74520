using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Functions.Http;
using MediaFunctions.Testing.Api;

namespace MediaFunctions.Functions.Tests.Http;

/// <summary>The web console through the Functions app's HTTP triggers and the self-host alike: the same bytes, headers and config.</summary>
public sealed class ConsoleFunctionsTests(ErrorParityFixture fixture) : IClassFixture<ErrorParityFixture>
{
    public static TheoryData<string> Hosts => [.. ErrorParityFixture.Hosts];

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Root_NoKey_ServesThePageUnderAStrictPolicy(string host)
    {
        using var timeout = JobApi.Timeout(30);
        using var client = fixture.ClientFor(host, key: null);

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"module\" src=\"/console/app.js\">", await response.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task ConsoleFile_SameETagAgain_304WithoutBody(string host)
    {
        using var timeout = JobApi.Timeout(30);
        using var client = fixture.ClientFor(host, key: null);
        using var first = await client.GetAsync(new Uri("/console/app.js", UriKind.Relative), timeout.Token);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/javascript", first.Content.Headers.ContentType?.MediaType);
        var etag = first.Headers.ETag ?? throw new InvalidOperationException("No ETag.");

        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/console/app.js", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(etag);
        using var second = await client.SendAsync(again, timeout.Token);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(timeout.Token));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task ConsoleFile_UnknownName_404Envelope(string host)
    {
        using var timeout = JobApi.Timeout(30);
        using var client = fixture.ClientFor(host, key: null);

        using var response = await client.GetAsync(new Uri("/console/missing.js", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
        Assert.Equal("not_found", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("missing.js", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Config_UploadCapUnderHostLimit_MultipartCapIsTheUploadCap(string host)
    {
        using var timeout = JobApi.Timeout(30);
        using var client = fixture.ClientFor(host, key: null);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await client.GetAsync(new Uri("/api/console/config", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
        Assert.Equal(ErrorParityFixture.MaxUploadBytes, body.RootElement.GetProperty("multipartMaxBytes").GetInt64());
        Assert.Equal(ErrorParityFixture.MaxUploadBytes, body.RootElement.GetProperty("maxUploadBytes").GetInt64());
    }

    [Fact]
    public void Config_UploadCapOverPlatformLimit_MultipartCapLeavesRoomForTheForm()
    {
        var options = new JobOptions { MaxUploadBytes = 2L * 1024 * 1024 * 1024 };

        var config = ConsoleEndpoints.GetConfig(options, ConsoleFunctions.PlatformRequestBodyBytes).Value!;

        Assert.Equal(ConsoleFunctions.PlatformRequestBodyBytes - ExtractAudioSubmission.MaxFormOverheadBytes, config.MultipartMaxBytes);
        Assert.Equal(options.MaxUploadBytes, config.MaxUploadBytes);
    }
}
