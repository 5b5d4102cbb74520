using System.Net;
using System.Net.Http.Headers;
using MediaFunctions.Testing.Api;

namespace MediaFunctions.Functions.Tests.Http;

/// <summary>
/// The OAuth 2.0 code flow through the Functions app's HTTP triggers, and across the two hosts: codes and tokens live in the
/// shared storage, so what one host issues the other honours.
/// </summary>
public sealed class OAuthFunctionsTests(ErrorParityFixture fixture) : IClassFixture<ErrorParityFixture>
{
    [Theory]
    [InlineData("functions", "functions")]
    [InlineData("self-host", "functions")]
    [InlineData("functions", "self-host")]
    public async Task CodeFlow_ConsentOnOneHostExchangeOnOther_TokenWorksOnBoth(string consentHost, string tokenHost)
    {
        using var timeout = JobApi.Timeout(60);
        using var alice = fixture.ClientFor(consentHost, ErrorParityFixture.AliceKey);
        using var consent = OAuthApi.NoRedirectClient(fixture.BaseAddressOf(consentHost));
        using var token = OAuthApi.NoRedirectClient(fixture.BaseAddressOf(tokenHost));
        var app = await OAuthApi.RegisterAsync(alice, "https://app.example.com/callback", timeout.Token);

        var redirect = await OAuthApi.AllowAsync(consent, app, ErrorParityFixture.BobKey, timeout.Token);
        var (status, tokens, response) = await OAuthApi.TokenAsync(token, OAuthApi.CodeExchange(app, redirect["code"]), timeout.Token);
        response.Dispose();

        Assert.True(status == HttpStatusCode.OK, tokens.ToString());
        foreach (var host in ErrorParityFixture.Hosts)
        {
            using var asApp = fixture.ClientFor(host, key: null);
            asApp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", tokens.GetProperty("access_token").GetString());
            using var presets = await asApp.GetAsync(new Uri("/api/presets.json", UriKind.Relative), timeout.Token);
            Assert.True(presets.StatusCode == HttpStatusCode.OK, $"{host}: {(int)presets.StatusCode} {await presets.Content.ReadAsStringAsync(timeout.Token)}");
        }
    }

    [Fact]
    public async Task Token_WrongSecretOnFunctions_401InvalidClient()
    {
        using var timeout = JobApi.Timeout(60);
        using var alice = fixture.ClientFor("functions", ErrorParityFixture.AliceKey);
        using var client = OAuthApi.NoRedirectClient(fixture.BaseAddressOf("functions"));
        var app = await OAuthApi.RegisterAsync(alice, "https://app.example.com/callback", timeout.Token);
        var code = (await OAuthApi.AllowAsync(client, app, ErrorParityFixture.BobKey, timeout.Token))["code"];
        var exchange = OAuthApi.CodeExchange(app, code);
        exchange["client_secret"] = "wrong";

        var (status, error, response) = await OAuthApi.TokenAsync(client, exchange, timeout.Token);
        response.Dispose();

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Response_WithOrigin_ExposesRateLimitHeaders()
    {
        // In Azure the platform's CORS (infra: siteConfig.cors) answers preflights and adds Access-Control-Allow-Origin; the app exposes headers itself.
        using var timeout = JobApi.Timeout(60);
        using var alice = fixture.ClientFor("functions", ErrorParityFixture.AliceKey);
        alice.DefaultRequestHeaders.Add("Origin", "https://podcast-app.example");

        using var response = await alice.GetAsync(new Uri("/api/presets.json", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("X-RateLimit-Remaining", string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.Ordinal);
    }
}
