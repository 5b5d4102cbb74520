using System.Net;
using System.Net.Http.Headers;
using MediaFunctions.Core.Keys;
using MediaFunctions.Core.OAuth;

namespace MediaFunctions.Host.Tests.OAuth;

/// <summary>What ends in the code flow, on the in-process self-host's clock: codes, access tokens and consent forms expire; a removed key's tokens stop.</summary>
public sealed class OAuthExpiryTests(OAuthClockFixture fixture) : IClassFixture<OAuthClockFixture>
{
    private const string Callback = "https://app.example.com/callback";

    [Fact]
    public async Task Token_CodeOlderThanTenMinutes_InvalidGrantExpired()
    {
        using var timeout = InstanceApi.Timeout();
        using var owner = fixture.ClientFor(OAuthClockFixture.OwnerKey);
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var app = await OAuthApi.RegisterAsync(owner, Callback, timeout.Token);
        var code = (await OAuthApi.AllowAsync(browser, app, OAuthClockFixture.UserKey, timeout.Token))["code"];

        fixture.Clock.Advance(OAuthAuthorizationServer.CodeLifetime + TimeSpan.FromSeconds(1));
        var (status, error, response) = await OAuthApi.TokenAsync(browser, OAuthApi.CodeExchange(app, code), timeout.Token);
        response.Dispose();

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
        Assert.Contains("expired", error.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_CodeJustInsideTenMinutes_Issued()
    {
        using var timeout = InstanceApi.Timeout();
        using var owner = fixture.ClientFor(OAuthClockFixture.OwnerKey);
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var app = await OAuthApi.RegisterAsync(owner, Callback, timeout.Token);
        var code = (await OAuthApi.AllowAsync(browser, app, OAuthClockFixture.UserKey, timeout.Token))["code"];

        fixture.Clock.Advance(OAuthAuthorizationServer.CodeLifetime - TimeSpan.FromSeconds(1));
        var (status, tokens, response) = await OAuthApi.TokenAsync(browser, OAuthApi.CodeExchange(app, code), timeout.Token);
        response.Dispose();

        Assert.True(status == HttpStatusCode.OK, tokens.ToString());
    }

    [Fact]
    public async Task AccessToken_AfterAnHour_401()
    {
        using var timeout = InstanceApi.Timeout();
        using var owner = fixture.ClientFor(OAuthClockFixture.OwnerKey);
        var (_, tokens) = await OAuthApi.GrantAsync(fixture.Host.BaseAddress, owner, OAuthClockFixture.UserKey, timeout.Token);
        using var asApp = fixture.Host.CreateClient();
        asApp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        fixture.Clock.Advance(OAuthAuthorizationServer.AccessTokenLifetime - TimeSpan.FromSeconds(1));
        using (var before = await asApp.GetAsync(new Uri("/api/presets.json", UriKind.Relative), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        using var after = await asApp.GetAsync(new Uri("/api/presets.json", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Consent_FormOlderThanItsLifetime_400PageWithoutRedirect()
    {
        using var timeout = InstanceApi.Timeout();
        using var owner = fixture.ClientFor(OAuthClockFixture.OwnerKey);
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var app = await OAuthApi.RegisterAsync(owner, Callback, timeout.Token);
        var (_, _, fields, page) = await OAuthApi.GetConsentAsync(browser, OAuthApi.AuthorizeQuery(app), timeout.Token);
        page.Dispose();

        fixture.Clock.Advance(OAuthConsentFormTokens.Lifetime + TimeSpan.FromSeconds(1));
        using var answer = await OAuthApi.AnswerAsync(browser, fields, "allow", OAuthClockFixture.UserKey, timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
    }

    [Fact]
    public async Task AccessToken_GrantingKeyRemoved_401OnceTheKeySnapshotRefreshes()
    {
        using var timeout = InstanceApi.Timeout();
        using var owner = fixture.ClientFor(OAuthClockFixture.OwnerKey);
        var (_, tokens) = await OAuthApi.GrantAsync(fixture.Host.BaseAddress, owner, OAuthClockFixture.LeaverKey, timeout.Token);
        using var asApp = fixture.Host.CreateClient();
        asApp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());

        var keys = fixture.Tables.GetTableClient(ApiKeyStore.TableName);
        await keys.DeleteEntityAsync("key", Convert.ToHexStringLower(ApiKeyStore.Hash(OAuthClockFixture.LeaverKey)), Azure.ETag.All, timeout.Token);
        fixture.Clock.Advance(ApiKeyStore.RefreshInterval + TimeSpan.FromSeconds(1));
        using var after = await asApp.GetAsync(new Uri("/api/presets.json", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}
