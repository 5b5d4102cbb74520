using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MediaFunctions.Host.Tests.OAuth;

/// <summary>
/// The OAuth 2.0 authorization code flow of seed 004 over HTTP against the real host and Azurite: alice registers an app,
/// carol grants it her key on the consent page, the app exchanges the code and calls /api as carol.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class OAuthFlowTests(HostFixture fixture)
{
    private const string Callback = "https://app.example.com/callback";

    [Fact]
    public async Task CodeFlow_RegisterConsentAllowExchange_TokenActsAsGrantingKeyOnPresets()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var app = await OAuthApi.RegisterAsync(alice, Callback, timeout.Token, name: "Podcast <Publisher> & Co");
        Assert.Matches("^[a-zA-Z0-9]{22}$", app.ClientId);
        Assert.True(app.ClientSecret.Length >= 40, app.ClientSecret);

        var (status, html, fields, page) = await OAuthApi.GetConsentAsync(browser, OAuthApi.AuthorizeQuery(app, state: "s t&a=te"), timeout.Token);
        using (page)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType?.ToString());
            Assert.Contains("Podcast &lt;Publisher&gt; &amp; Co", html, StringComparison.Ordinal);
            Assert.Contains("<label for=\"api_key\">Your API key</label>", html, StringComparison.Ordinal);
            Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.True(page.Headers.CacheControl?.NoStore);
        }

        Assert.Equal("s t&a=te", fields["state"]);
        using var answer = await OAuthApi.AnswerAsync(browser, fields, "allow", HostFixture.CarolKey, timeout.Token);
        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        var redirect = OAuthApi.QueryOf(answer.Headers.Location!);
        Assert.StartsWith(Callback + "?", answer.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("s t&a=te", redirect["state"]);

        var (tokenStatus, tokens, tokenResponse) = await OAuthApi.TokenAsync(browser, OAuthApi.CodeExchange(app, redirect["code"]), timeout.Token);
        using (tokenResponse)
        {
            Assert.True(tokenStatus == HttpStatusCode.OK, tokens.ToString());
            Assert.True(tokenResponse.Headers.CacheControl?.NoStore);
        }

        Assert.Equal("bearer", tokens.GetProperty("token_type").GetString());
        Assert.Equal(3600, tokens.GetProperty("expires_in").GetInt32());
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("refresh_token").GetString()));
        var accessToken = tokens.GetProperty("access_token").GetString()!;

        // Every form of bearer: a preset made with the token is carol's, not alice's.
        using var anonymous = fixture.AnonymousClient();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/presets.json") { Content = JsonContent.Create(new { preset_name = "Made by the app" }) };
        create.Headers.TryAddWithoutValidation("Authorization", "bearer " + accessToken);
        using var created = await anonymous.SendAsync(create, timeout.Token);
        var presetBody = await created.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
        Assert.True(created.StatusCode == HttpStatusCode.OK, presetBody.ToString());
        var uuid = presetBody.GetProperty("data").GetProperty("uuid").GetString()!;
        foreach (var send in new Func<HttpRequestMessage, HttpRequestMessage>[]
        {
            request => { request.Headers.TryAddWithoutValidation("Authorization", "BEARER " + accessToken); return request; },
            request => { request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken); return request; },
            request => { request.RequestUri = new Uri(request.RequestUri + "?bearer_token=" + Uri.EscapeDataString(accessToken), UriKind.Relative); return request; },
        })
        {
            using var get = send(new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/preset/{uuid}.json", UriKind.Relative)));
            using var got = await anonymous.SendAsync(get, timeout.Token);
            Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        }

        using var carol = fixture.ClientFor(HostFixture.CarolKey);
        var carols = await carol.GetFromJsonAsync<JsonElement>("/api/presets.json", timeout.Token);
        Assert.Contains(carols.GetProperty("data").EnumerateArray(), preset => preset.GetProperty("uuid").GetString() == uuid);
        var alices = await alice.GetFromJsonAsync<JsonElement>("/api/presets.json", timeout.Token);
        Assert.DoesNotContain(alices.GetProperty("data").EnumerateArray(), preset => preset.GetProperty("uuid").GetString() == uuid);
    }

    [Fact]
    public async Task Token_CodeUsedTwice_InvalidGrant()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var app = await OAuthApi.RegisterAsync(alice, Callback, timeout.Token);
        var code = (await OAuthApi.AllowAsync(browser, app, HostFixture.BobKey, timeout.Token))["code"];

        var (first, _, firstResponse) = await OAuthApi.TokenAsync(browser, OAuthApi.CodeExchange(app, code), timeout.Token, multipart: false);
        firstResponse.Dispose();
        var (second, error, secondResponse) = await OAuthApi.TokenAsync(browser, OAuthApi.CodeExchange(app, code), timeout.Token, multipart: false);
        secondResponse.Dispose();

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.BadRequest, second);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
        Assert.Contains("already been used", error.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodeFlow_RedirectUriLeftOutWithOneRegistered_SentThereAndExchangedWithoutIt()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var app = await OAuthApi.RegisterAsync(alice, Callback, timeout.Token);

        var (status, _, fields, page) = await OAuthApi.GetConsentAsync(browser, $"/oauth2/authorize/?client_id={app.ClientId}&response_type=code", timeout.Token);
        page.Dispose();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(fields.ContainsKey("redirect_uri"));
        using var answer = await OAuthApi.AnswerAsync(browser, fields, "allow", HostFixture.BobKey, timeout.Token);
        Assert.StartsWith(Callback + "?code=", answer.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var exchange = OAuthApi.CodeExchange(app, OAuthApi.QueryOf(answer.Headers.Location!)["code"]);
        exchange.Remove("redirect_uri");
        var (tokenStatus, tokens, response) = await OAuthApi.TokenAsync(browser, exchange, timeout.Token);
        response.Dispose();

        Assert.True(tokenStatus == HttpStatusCode.OK, tokens.ToString());
    }

    [Fact]
    public async Task Token_RedirectUriNamedInAuthorizationButLeftOut_InvalidGrant()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var app = await OAuthApi.RegisterAsync(alice, Callback, timeout.Token);
        var exchange = OAuthApi.CodeExchange(app, (await OAuthApi.AllowAsync(browser, app, HostFixture.BobKey, timeout.Token))["code"]);
        exchange.Remove("redirect_uri");

        var (status, error, response) = await OAuthApi.TokenAsync(browser, exchange, timeout.Token);
        response.Dispose();

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Authorize_UnregisteredRedirectUri_400PageWithoutRedirect()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var app = await OAuthApi.RegisterAsync(alice, Callback, timeout.Token);

        foreach (var wrong in new[] { "https://evil.example.com/callback", Callback + "/", Callback + "?x=1", "https://APP.example.com/callback" })
        {
            var (status, html, _, page) = await OAuthApi.GetConsentAsync(browser, OAuthApi.AuthorizeQuery(app, redirectUri: wrong), timeout.Token);
            page.Dispose();
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Null(page.Headers.Location);
            Assert.Contains("is not one", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Authorize_UnknownClientId_400Page()
    {
        using var timeout = InstanceApi.Timeout();
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);

        foreach (var query in new[] { "?client_id=ceigtvDv8jH6NaK52Z5eXH&redirect_uri=https%3A%2F%2Fa.example%2F&response_type=code", "?response_type=code", "?client_id=x'--" })
        {
            var (status, html, _, page) = await OAuthApi.GetConsentAsync(browser, "/oauth2/authorize/" + query, timeout.Token);
            page.Dispose();
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Null(page.Headers.Location);
            Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Authorize_OtherResponseType_RedirectsUnsupportedResponseType()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var app = await OAuthApi.RegisterAsync(alice, Callback, timeout.Token);

        var (status, _, _, page) = await OAuthApi.GetConsentAsync(browser, OAuthApi.AuthorizeQuery(app, responseType: "token"), timeout.Token);
        page.Dispose();

        Assert.Equal(HttpStatusCode.Found, status);
        var query = OAuthApi.QueryOf(page.Headers.Location!);
        Assert.Equal("unsupported_response_type", query["error"]);
        Assert.Equal("xyz", query["state"]);
    }

    [Fact]
    public async Task Consent_Deny_RedirectsAccessDeniedWithState()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var app = await OAuthApi.RegisterAsync(alice, Callback, timeout.Token);
        var (_, _, fields, page) = await OAuthApi.GetConsentAsync(browser, OAuthApi.AuthorizeQuery(app, state: "deny-state"), timeout.Token);
        page.Dispose();

        using var answer = await OAuthApi.AnswerAsync(browser, fields, "deny", apiKey: null, timeout.Token);

        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        var query = OAuthApi.QueryOf(answer.Headers.Location!);
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("deny-state", query["state"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Consent_WrongOrMissingKey_PageAgainWithAlertAndNoRedirect()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var app = await OAuthApi.RegisterAsync(alice, Callback, timeout.Token);
        var (_, _, fields, page) = await OAuthApi.GetConsentAsync(browser, OAuthApi.AuthorizeQuery(app), timeout.Token);
        page.Dispose();

        foreach (var key in new[] { "not-a-key", "" })
        {
            using var answer = await OAuthApi.AnswerAsync(browser, fields, "allow", key, timeout.Token);
            var html = await answer.Content.ReadAsStringAsync(timeout.Token);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.Null(answer.Headers.Location);
            Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
            Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Consent_FormTokenForgedOrForAnotherRequest_400Page()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var app = await OAuthApi.RegisterAsync(alice, Callback, timeout.Token);
        var (_, _, fields, page) = await OAuthApi.GetConsentAsync(browser, OAuthApi.AuthorizeQuery(app, state: "one"), timeout.Token);
        page.Dispose();

        var forged = new Dictionary<string, string>(fields) { ["form_token"] = "9999999999.AAAA" };
        var otherState = new Dictionary<string, string>(fields) { ["state"] = "two" };
        var missing = fields.Where(field => field.Key != "form_token").ToDictionary();
        foreach (var form in new[] { forged, otherState, missing })
        {
            using var answer = await OAuthApi.AnswerAsync(browser, form, "allow", HostFixture.BobKey, timeout.Token);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.Null(answer.Headers.Location);
        }
    }

    [Fact]
    public async Task Token_WrongRedirectUri_InvalidGrant()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var app = await OAuthApi.RegisterAsync(alice, Callback, timeout.Token);
        var code = (await OAuthApi.AllowAsync(browser, app, HostFixture.BobKey, timeout.Token))["code"];

        var exchange = OAuthApi.CodeExchange(app, code);
        exchange["redirect_uri"] = "https://app.example.com/other";
        var (status, error, response) = await OAuthApi.TokenAsync(browser, exchange, timeout.Token);
        response.Dispose();

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_WrongSecretOrUnknownClient_401InvalidClient()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var app = await OAuthApi.RegisterAsync(alice, Callback, timeout.Token);
        var code = (await OAuthApi.AllowAsync(browser, app, HostFixture.BobKey, timeout.Token))["code"];

        var wrongSecret = OAuthApi.CodeExchange(app, code);
        wrongSecret["client_secret"] = app.ClientSecret[..^1] + (app.ClientSecret[^1] == 'a' ? 'b' : 'a');
        var unknownClient = OAuthApi.CodeExchange(app, code);
        unknownClient["client_id"] = "ceigtvDv8jH6NaK52Z5eXH";
        foreach (var fields in new[] { wrongSecret, unknownClient })
        {
            var (status, error, response) = await OAuthApi.TokenAsync(browser, fields, timeout.Token);
            using (response)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, status);
                Assert.Equal("invalid_client", error.GetProperty("error").GetString());
                Assert.NotEmpty(response.Headers.WwwAuthenticate);
            }
        }

        // The failed attempts did not use the code up: the right secret still gets it.
        var (ok, _, okResponse) = await OAuthApi.TokenAsync(browser, OAuthApi.CodeExchange(app, code), timeout.Token);
        okResponse.Dispose();
        Assert.Equal(HttpStatusCode.OK, ok);
    }

    [Fact]
    public async Task Token_ClientAuthenticatedWithBasic_Issued()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var app = await OAuthApi.RegisterAsync(alice, Callback, timeout.Token);
        var code = (await OAuthApi.AllowAsync(browser, app, HostFixture.BobKey, timeout.Token))["code"];
        var fields = OAuthApi.CodeExchange(app, code);
        fields.Remove("client_id");
        fields.Remove("client_secret");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token/") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{app.ClientId}:{app.ClientSecret}")));
        using var response = await browser.SendAsync(request, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("grant_type=password&client_id={0}&client_secret={1}", HttpStatusCode.BadRequest, "unsupported_grant_type")]
    [InlineData("client_id={0}&client_secret={1}&code=abc", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("grant_type=authorization_code&client_id={0}&client_secret={1}", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("grant_type=authorization_code&client_id={0}&client_secret={1}&code=never-issued", HttpStatusCode.BadRequest, "invalid_grant")]
    [InlineData("grant_type=authorization_code&code=abc", HttpStatusCode.Unauthorized, "invalid_client")]
    public async Task Token_BadRequest_Rfc6749Error(string form, HttpStatusCode expected, string error)
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var app = await OAuthApi.RegisterAsync(alice, Callback, timeout.Token);

        using var content = new StringContent(string.Format(System.Globalization.CultureInfo.InvariantCulture, form, app.ClientId, app.ClientSecret), Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await browser.PostAsync(new Uri("/oauth2/token/", UriKind.Relative), content, timeout.Token);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error_description").GetString()));
    }

    [Fact]
    public async Task Token_JsonBodyOrWrongMethod_Rfc6749ErrorNot500()
    {
        using var timeout = InstanceApi.Timeout();
        using var client = fixture.AnonymousClient();

        using var json = await client.PostAsJsonAsync("/oauth2/token/", new { grant_type = "authorization_code" }, timeout.Token);
        using var get = await client.GetAsync(new Uri("/oauth2/token/", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal("invalid_request", (await json.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal("invalid_request", (await get.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task RefreshToken_Exchanged_NewPairAndOldRefreshRefused()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var (app, tokens) = await OAuthApi.GrantAsync(fixture.Host.BaseAddress, alice, HostFixture.BobKey, timeout.Token);
        var refresh = new Dictionary<string, string>
        {
            ["client_id"] = app.ClientId,
            ["client_secret"] = app.ClientSecret,
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
        };

        var (status, renewed, response) = await OAuthApi.TokenAsync(browser, refresh, timeout.Token);
        response.Dispose();
        var (again, error, againResponse) = await OAuthApi.TokenAsync(browser, refresh, timeout.Token);
        againResponse.Dispose();

        Assert.True(status == HttpStatusCode.OK, renewed.ToString());
        Assert.NotEqual(tokens.GetProperty("access_token").GetString(), renewed.GetProperty("access_token").GetString());
        Assert.NotEqual(refresh["refresh_token"], renewed.GetProperty("refresh_token").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
        using var bob = fixture.AnonymousClient();
        bob.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", renewed.GetProperty("access_token").GetString());
        using var presets = await bob.GetAsync(new Uri("/api/presets.json", UriKind.Relative), timeout.Token);
        Assert.Equal(HttpStatusCode.OK, presets.StatusCode);
    }

    [Fact]
    public async Task AccessToken_AfterAppDeleted_401AndAppGone()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var (app, tokens) = await OAuthApi.GrantAsync(fixture.Host.BaseAddress, alice, HostFixture.BobKey, timeout.Token);
        using var asApp = fixture.AnonymousClient();
        asApp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using (var before = await asApp.GetAsync(new Uri("/api/presets.json", UriKind.Relative), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var deleted = await alice.DeleteAsync(new Uri($"/api/oauth2/app/{app.ClientId}.json", UriKind.Relative), timeout.Token);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);

        using var after = await asApp.GetAsync(new Uri("/api/presets.json", UriKind.Relative), timeout.Token);
        var body = await after.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(401, body.GetProperty("status_code").GetInt32());
        using var gone = await alice.GetAsync(new Uri($"/api/oauth2/app/{app.ClientId}.json", UriKind.Relative), timeout.Token);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var browser = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var (refreshStatus, _, refreshResponse) = await OAuthApi.TokenAsync(browser, new Dictionary<string, string>
        {
            ["client_id"] = app.ClientId,
            ["client_secret"] = app.ClientSecret,
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
        }, timeout.Token);
        refreshResponse.Dispose();
        Assert.Equal(HttpStatusCode.Unauthorized, refreshStatus);
    }

    [Fact]
    public async Task Apps_ManagedWithAccessToken_403()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var (_, tokens) = await OAuthApi.GrantAsync(fixture.Host.BaseAddress, alice, HostFixture.BobKey, timeout.Token);
        using var asApp = fixture.AnonymousClient();
        asApp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());

        using var list = await asApp.GetAsync(new Uri("/api/oauth2/apps.json", UriKind.Relative), timeout.Token);
        using var create = await asApp.PostAsJsonAsync("/api/oauth2/apps.json", new { name = "Sneaky", redirect_uris = new[] { Callback } }, timeout.Token);

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(403, (await create.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("status_code").GetInt32());
    }

    [Fact]
    public async Task Apps_RegisterListGetDelete_OwnKeyOnlyAndSecretShown()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        using var bob = fixture.ClientFor(HostFixture.BobKey);
        var app = await OAuthApi.RegisterAsync(alice, "http://127.0.0.1:8123/cb", timeout.Token);

        var list = await alice.GetFromJsonAsync<JsonElement>("/api/oauth2/apps.json", timeout.Token);
        var listed = Assert.Single(list.GetProperty("data").EnumerateArray(), item => item.GetProperty("client_id").GetString() == app.ClientId);
        Assert.Equal(app.ClientSecret, listed.GetProperty("client_secret").GetString());
        Assert.Equal("http://127.0.0.1:8123/cb", listed.GetProperty("redirect_uris")[0].GetString());
        var bobs = await bob.GetFromJsonAsync<JsonElement>("/api/oauth2/apps.json", timeout.Token);
        Assert.DoesNotContain(bobs.GetProperty("data").EnumerateArray(), item => item.GetProperty("client_id").GetString() == app.ClientId);
        using var bobGets = await bob.GetAsync(new Uri($"/api/oauth2/app/{app.ClientId}.json", UriKind.Relative), timeout.Token);
        Assert.Equal(HttpStatusCode.NotFound, bobGets.StatusCode);
        using var bobDeletes = await bob.DeleteAsync(new Uri($"/api/oauth2/app/{app.ClientId}.json", UriKind.Relative), timeout.Token);
        Assert.Equal(HttpStatusCode.NotFound, bobDeletes.StatusCode);
        using var aliceGets = await alice.GetAsync(new Uri($"/api/oauth2/app/{app.ClientId}.json", UriKind.Relative), timeout.Token);
        Assert.Equal(HttpStatusCode.OK, aliceGets.StatusCode);
    }

    [Theory]
    [InlineData("""{"name": "App", "redirect_uris": ["http://app.example.com/cb"]}""", "redirect_uris")]
    [InlineData("""{"name": "App", "redirect_uris": ["https://app.example.com/cb#frag"]}""", "redirect_uris")]
    [InlineData("""{"name": "App", "redirect_uris": ["/relative"]}""", "redirect_uris")]
    [InlineData("""{"name": "App", "redirect_uris": []}""", "redirect_uris")]
    [InlineData("""{"name": "App", "redirect_uri": 5}""", "redirect_uris")]
    [InlineData("""{"redirect_uri": "https://app.example.com/cb"}""", "name")]
    public async Task Apps_RegisterInvalid_400FormErrors(string body, string field)
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);

        using var response = await alice.PostAsync(new Uri("/api/oauth2/apps.json", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), timeout.Token);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, answer.GetProperty("status_code").GetInt32());
        Assert.True(answer.GetProperty("form_errors").TryGetProperty(field, out _), answer.ToString());
    }
}
