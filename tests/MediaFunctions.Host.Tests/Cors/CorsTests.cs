using System.Net;

namespace MediaFunctions.Host.Tests.Cors;

/// <summary>CORS on the real host, as a browser on another origin sends it: preflights and the headers of actual responses, errors included.</summary>
[Collection(HostCollection.Name)]
public sealed class CorsTests(HostFixture fixture)
{
    private const string Origin = "https://podcast-app.example";

    [Theory]
    [InlineData("/api/productions.json", "POST")]
    [InlineData("/api/production/ceigtvDv8jH6NaK52Z5eXH.json", "DELETE")]
    [InlineData("/api/presets.json", "GET")]
    [InlineData("/api/jobs", "POST")]
    [InlineData("/oauth2/token/", "POST")]
    public async Task Preflight_ApiOrTokenRoute_204AllowingAnyOriginWithoutCredentials(string path, string method)
    {
        using var timeout = InstanceApi.Timeout();
        using var client = fixture.AnonymousClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", Origin);
        preflight.Headers.Add("Access-Control-Request-Method", method);
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        using var response = await client.SendAsync(preflight, timeout.Token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains(method, Single(response, "Access-Control-Allow-Methods").Split(',').Select(value => value.Trim()));
        var headers = Single(response, "Access-Control-Allow-Headers").Split(',').Select(value => value.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("authorization", headers);
        Assert.Contains("content-type", headers);
        Assert.Equal("7200", Single(response, "Access-Control-Max-Age"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Response_KeyedRouteFromOtherOrigin_AllowsOriginAndExposesRateLimitHeaders()
    {
        using var timeout = InstanceApi.Timeout();
        using var client = fixture.ClientFor(HostFixture.AliceKey);
        client.DefaultRequestHeaders.Add("Origin", Origin);

        using var response = await client.GetAsync(new Uri("/api/presets.json", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
        var exposed = Single(response, "Access-Control-Expose-Headers").Split(',').Select(value => value.Trim()).ToList();
        Assert.Contains("X-RateLimit-Remaining", exposed);
        Assert.Contains("Retry-After", exposed);
        Assert.Contains("Location", exposed);
        Assert.Contains("Idempotent-Replayed", exposed);
    }

    [Fact]
    public async Task Response_Unauthorized_StillCarriesCorsHeadersSoScriptsCanReadIt()
    {
        using var timeout = InstanceApi.Timeout();
        using var client = fixture.ClientFor("not-a-key");
        client.DefaultRequestHeaders.Add("Origin", Origin);

        using var response = await client.GetAsync(new Uri("/api/productions.json", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("WWW-Authenticate", Single(response, "Access-Control-Expose-Headers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsentPage_FromOtherOrigin_NoCorsHeaders()
    {
        using var timeout = InstanceApi.Timeout();
        using var client = fixture.AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth2/authorize/?client_id=ceigtvDv8jH6NaK52Z5eXH");
        request.Headers.Add("Origin", Origin);

        using var response = await client.SendAsync(request, timeout.Token);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static string Single(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"No {header} header; got: {response.Headers}");
}
