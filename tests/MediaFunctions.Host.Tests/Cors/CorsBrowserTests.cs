using System.Net;
using System.Text.Json;
using MediaFunctions.Testing.Media;
using Microsoft.Playwright;

namespace MediaFunctions.Host.Tests.Cors;

/// <summary>
/// Seed 004's JavaScript, run by headless Chromium on a page of another origin (<see cref="PageOrigin"/>) against the real host,
/// with an OAuth access token as its bearer: proof that CORS lets a browser app do what the document shows. The consent page is
/// driven in the same browser, by its labels and button names, as a user with a screen reader would find them.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class CorsBrowserTests(HostFixture fixture, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    /// <summary>
    /// The flows of cors-page.html's <c>window.flows</c>; each is one case. A flow whose name ends in "Upload" finds a second of
    /// tone (MP3) chosen in the page's <c>#files</c> input, as seed 004's upload examples expect.
    /// </summary>
    public static TheoryData<string> Flows => ["createAndRead", "unauthorizedIsReadable"];

    [Theory]
    [MemberData(nameof(Flows))]
    public async Task DocumentFlow_FromOtherOrigin_Succeeds(string flow)
    {
        using var timeout = InstanceApi.Timeout(60);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var (_, tokens) = await OAuthApi.GrantAsync(fixture.Host.BaseAddress, alice, HostFixture.CarolKey, timeout.Token);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);
        await page.GotoAsync(chromium.Origin.BaseAddress.ToString());
        if (flow.EndsWith("Upload", StringComparison.Ordinal))
        {
            var tone = Path.Combine(Path.GetTempPath(), $"mf-cors-{Guid.NewGuid():N}.mp3");
            await GeneratedMedia.WriteToneAsync(tone, seconds: 1);
            var payload = new FilePayload { Name = "tone.mp3", MimeType = "audio/mpeg", Buffer = await File.ReadAllBytesAsync(tone, timeout.Token) };
            File.Delete(tone);
            await page.SetInputFilesAsync("#files", payload);
        }

        var result = await page.EvaluateAsync<JsonElement>("([flow, api, token]) => window.flows[flow](api, token)",
            new object[] { flow, fixture.Host.BaseAddress.ToString().TrimEnd('/'), tokens.GetProperty("access_token").GetString()! });

        Assert.True(result.GetProperty("ok").GetBoolean(), $"{flow}: {result} console: {string.Join(" | ", console)}");
        Assert.DoesNotContain(console, line => line.Contains("CORS", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ConsentPage_InChromium_AllowByLabelAndButton_RedirectsToAppWithCode()
    {
        using var timeout = InstanceApi.Timeout(60);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var callback = new Uri(chromium.Origin.BaseAddress, PageOrigin.CallbackPath).ToString();
        var app = await OAuthApi.RegisterAsync(alice, callback, timeout.Token, name: "Browser Podcast App");
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, OAuthApi.AuthorizeQuery(app, state: "browser-state")).ToString());
        Assert.Contains("Browser Podcast App", await page.TitleAsync(), StringComparison.Ordinal);
        await page.GetByLabel("Your API key").FillAsync(HostFixture.CarolKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(callback, StringComparison.Ordinal));

        var query = OAuthApi.QueryOf(new Uri(page.Url));
        Assert.Equal("browser-state", query["state"]);
        Assert.Equal("Back in the app.", await page.Locator("p").TextContentAsync());
        using var client = OAuthApi.NoRedirectClient(fixture.Host.BaseAddress);
        var (status, tokens, response) = await OAuthApi.TokenAsync(client, OAuthApi.CodeExchange(app, query["code"]), timeout.Token);
        response.Dispose();
        Assert.True(status == HttpStatusCode.OK, tokens.ToString());
    }
}
