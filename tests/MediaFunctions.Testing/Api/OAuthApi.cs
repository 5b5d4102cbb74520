using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace MediaFunctions.Testing.Api;

/// <summary>The OAuth 2.0 code flow as a third-party app and its user go through it, over HTTP, for tests of either host.</summary>
public static partial class OAuthApi
{
    /// <summary>An app as registration returned it.</summary>
    public sealed record RegisteredApp(string ClientId, string ClientSecret, string RedirectUri, string Name);

    /// <summary>A client of <paramref name="baseAddress"/> that does not follow redirects, so a test can read where it is sent.</summary>
    public static HttpClient NoRedirectClient(Uri baseAddress) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>POST <c>/api/oauth2/apps.json</c> with <paramref name="owner"/>'s key; asserts a 200.</summary>
    public static async Task<RegisteredApp> RegisterAsync(HttpClient owner, string redirectUri, CancellationToken cancellationToken, string? name = null)
    {
        name ??= $"Test App {Guid.NewGuid():N}";
        using var response = await owner.PostAsJsonAsync("/api/oauth2/apps.json", new { name, redirect_uris = new[] { redirectUri } }, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        var data = body.GetProperty("data");
        return new RegisteredApp(data.GetProperty("client_id").GetString()!, data.GetProperty("client_secret").GetString()!, redirectUri, name);
    }

    /// <summary>The query of the consent page for <paramref name="app"/>.</summary>
    public static string AuthorizeQuery(RegisteredApp app, string? state = "xyz", string? redirectUri = null, string responseType = "code") =>
        QueryHelpers.AddQueryString("/oauth2/authorize/", new Dictionary<string, string?>
        {
            ["client_id"] = app.ClientId,
            ["redirect_uri"] = redirectUri ?? app.RedirectUri,
            ["response_type"] = responseType,
            ["state"] = state,
        }.Where(pair => pair.Value is not null));

    /// <summary>GETs <paramref name="pathAndQuery"/>: the status, the page and the hidden fields of its form.</summary>
    public static async Task<(HttpStatusCode Status, string Html, Dictionary<string, string> Fields, HttpResponseMessage Response)> GetConsentAsync(
        HttpClient client, string pathAndQuery, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync(new Uri(pathAndQuery, UriKind.Relative), cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, html, HiddenFields(html), response);
    }

    /// <summary>POSTs the consent form: its hidden <paramref name="fields"/>, the decision and (when given) the key.</summary>
    public static Task<HttpResponseMessage> AnswerAsync(HttpClient client, IReadOnlyDictionary<string, string> fields, string decision, string? apiKey,
        CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>(fields) { ["decision"] = decision };
        if (apiKey is not null)
        {
            form["api_key"] = apiKey;
        }

        return client.PostAsync(new Uri("/oauth2/authorize/", UriKind.Relative), new FormUrlEncodedContent(form), cancellationToken);
    }

    /// <summary>Shows the consent page and allows with <paramref name="apiKey"/>; asserts the 303 to the redirect URI and returns its query.</summary>
    public static async Task<Dictionary<string, string>> AllowAsync(HttpClient noRedirect, RegisteredApp app, string apiKey, CancellationToken cancellationToken,
        string state = "xyz")
    {
        var (status, html, fields, page) = await GetConsentAsync(noRedirect, AuthorizeQuery(app, state), cancellationToken);
        page.Dispose();
        Assert.True(status == HttpStatusCode.OK, html);
        using var answer = await AnswerAsync(noRedirect, fields, "allow", apiKey, cancellationToken);
        Assert.True(answer.StatusCode == HttpStatusCode.SeeOther, await answer.Content.ReadAsStringAsync(cancellationToken));
        var location = answer.Headers.Location!;
        Assert.StartsWith(app.RedirectUri + "?", location.OriginalString, StringComparison.Ordinal);
        return QueryOf(location);
    }

    /// <summary>POST <c>/oauth2/token/</c> with <paramref name="fields"/> as multipart (as seed 004's curl -F sends them) or URL-encoded.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> TokenAsync(
        HttpClient client, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken, bool multipart = true)
    {
        HttpContent content;
        if (multipart)
        {
            var form = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                form.Add(new StringContent(value), name);
            }

            content = form;
        }
        else
        {
            content = new FormUrlEncodedContent(fields);
        }

        using (content)
        {
            var response = await client.PostAsync(new Uri("/oauth2/token/", UriKind.Relative), content, cancellationToken);
            return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken), response);
        }
    }

    /// <summary>The token request that exchanges <paramref name="code"/>, as seed 004 writes it.</summary>
    public static Dictionary<string, string> CodeExchange(RegisteredApp app, string code) => new()
    {
        ["client_id"] = app.ClientId,
        ["client_secret"] = app.ClientSecret,
        ["redirect_uri"] = app.RedirectUri,
        ["grant_type"] = "authorization_code",
        ["code"] = code,
    };

    /// <summary>The whole flow: <paramref name="owner"/> registers an app, the user of <paramref name="grantingKey"/> allows it, the app exchanges the code. The token response.</summary>
    public static async Task<(RegisteredApp App, JsonElement Tokens)> GrantAsync(Uri baseAddress, HttpClient owner, string grantingKey, CancellationToken cancellationToken)
    {
        using var client = NoRedirectClient(baseAddress);
        var app = await RegisterAsync(owner, "https://app.example.com/callback", cancellationToken);
        var redirect = await AllowAsync(client, app, grantingKey, cancellationToken);
        var (status, tokens, response) = await TokenAsync(client, CodeExchange(app, redirect["code"]), cancellationToken);
        response.Dispose();
        Assert.True(status == HttpStatusCode.OK, tokens.ToString());
        return (app, tokens);
    }

    /// <summary>The parameters of a redirect's query.</summary>
    public static Dictionary<string, string> QueryOf(Uri location) =>
        QueryHelpers.ParseQuery(new Uri(location.OriginalString).Query).ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);

    private static Dictionary<string, string> HiddenFields(string html) =>
        HiddenInput().Matches(html).ToDictionary(match => match.Groups["name"].Value, match => WebUtility.HtmlDecode(match.Groups["value"].Value), StringComparer.Ordinal);

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();
}
