using System.Net;
using System.Text.Json;
using MediaFunctions.Testing.Media;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MediaFunctions.Host.Tests.Cors;

/// <summary>
/// Seed 004's JavaScript, run by headless Chromium on a page of another origin (<see cref="PageOrigin"/>) against the real host,
/// with an OAuth access token as its bearer (the API key for the Simple API upload, as the document's example sends): proof that
/// CORS lets a browser app do what the document shows, uploads with their progress events included. The consent page is
/// driven in the same browser, by its labels and button names, as a user with a screen reader would find them.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class CorsBrowserTests(HostFixture fixture, ChromiumFixture chromium, ITestOutputHelper log) : IClassFixture<ChromiumFixture>
{
    /// <summary>The name of the file the upload flows choose.</summary>
    private const string FileName = "tone.mp3";

    /// <summary>The flows of cors-page.html's <c>window.flows</c> that answer <c>{ok, steps}</c>; each is one case.</summary>
    public static TheoryData<string> Flows => ["createAndRead", "unauthorizedIsReadable"];

    [Theory]
    [MemberData(nameof(Flows))]
    public async Task DocumentFlow_FromOtherOrigin_Succeeds(string flow)
    {
        using var timeout = InstanceApi.Timeout(60);
        var (result, console) = await RunFlowAsync(flow, await AccessTokenAsync(timeout.Token), timeout.Token);

        Assert.True(result.GetProperty("ok").GetBoolean(), $"{flow}: {result} console: {string.Join(" | ", console)}");
        Assert.DoesNotContain(console, line => line.Contains("CORS", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SimpleUpload_FromOtherOriginWithApiKey_StartedWithTheChosenFileAndDone()
    {
        using var timeout = InstanceApi.Timeout(120);
        using var carol = fixture.ClientFor(HostFixture.CarolKey);

        var (result, console) = await RunFlowAsync("simpleUpload", HostFixture.CarolKey, timeout.Token);

        log.WriteLine($"The page saw: {result}");
        var answer = result.GetProperty("answer");
        Assert.True(result.GetProperty("status").GetInt32() == 200, $"{result} console: {string.Join(" | ", console)}");
        Assert.Equal(200, answer.GetProperty("status_code").GetInt32());
        var uuid = AuphonicApi.Uuid(answer);
        var production = await AuphonicApi.WaitForEndAsync(carol, uuid, timeout.Token);
        log.WriteLine($"Then over HTTP: {production}");
        Assert.True(production.GetProperty("status").GetInt32() == 3, production.ToString());
        Assert.Equal(FileName, production.GetProperty("input_file").GetString());
        Assert.Equal(1, production.GetProperty("length").GetDouble(), 0.1);
        Assert.NotEmpty(production.GetProperty("output_files").EnumerateArray());
        Assert.Equal("javascript upload test", production.GetProperty("metadata").GetProperty("title").GetString());
        Assert.Equal("me", production.GetProperty("metadata").GetProperty("artist").GetString());
        Assert.Equal(-23, production.GetProperty("algorithms").GetProperty("loudnesstarget").GetDouble());
        Assert.DoesNotContain(console, line => line.Contains("CORS", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ComplexUpload_FromOtherOriginWithOAuthToken_ProgressReaches100AndTheFileIsTheInput()
    {
        using var timeout = InstanceApi.Timeout(60);
        using var carol = fixture.ClientFor(HostFixture.CarolKey);

        var (result, console) = await RunFlowAsync("complexUpload", await AccessTokenAsync(timeout.Token), timeout.Token);

        var steps = $"{result} console: {string.Join(" | ", console)}";
        log.WriteLine($"The page saw: {steps}");
        Assert.True(result.GetProperty("created").GetInt32() == 200, steps);
        Assert.True(result.GetProperty("uploaded").GetInt32() == 200, steps);
        var progress = result.GetProperty("progress").EnumerateArray().Select(percent => percent.GetDouble()).ToList();
        Assert.NotEmpty(progress);
        Assert.Equal(progress.Order(), progress);
        Assert.Equal(100, progress[^1]);
        Assert.Contains("File Upload: Done", console);
        var uuid = result.GetProperty("uuid").GetString()!;
        Assert.Equal(FileName, result.GetProperty("answer").GetProperty("data").GetProperty("input_file").GetString());
        var (status, read) = await AuphonicApi.SendJsonAsync(carol, HttpMethod.Get, $"/api/production/{uuid}.json", null, timeout.Token);
        Assert.True(status == HttpStatusCode.OK, read.ToString());
        Assert.Equal(FileName, read.GetProperty("data").GetProperty("input_file").GetString());
        Assert.Equal("test upload 2", read.GetProperty("data").GetProperty("metadata").GetProperty("title").GetString());
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

    /// <summary>An OAuth access token alice's app was granted by carol.</summary>
    private async Task<string> AccessTokenAsync(CancellationToken cancellationToken)
    {
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var (_, tokens) = await OAuthApi.GrantAsync(fixture.Host.BaseAddress, alice, HostFixture.CarolKey, cancellationToken);
        return tokens.GetProperty("access_token").GetString()!;
    }

    /// <summary>
    /// Opens cors-page.html in a new context and runs <c>window.flows[flow](api, bearer)</c>; returns what it resolved with and the
    /// page's console. A flow whose name ends in "Upload" finds a second of tone (MP3) chosen in the page's <c>#files</c> input,
    /// as seed 004's upload examples expect.
    /// </summary>
    private async Task<(JsonElement Result, List<string> Console)> RunFlowAsync(string flow, string bearer, CancellationToken cancellationToken)
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);
        await page.GotoAsync(chromium.Origin.BaseAddress.ToString());
        if (flow.EndsWith("Upload", StringComparison.Ordinal))
        {
            var tone = Path.Combine(Path.GetTempPath(), $"mf-cors-{Guid.NewGuid():N}.mp3");
            await GeneratedMedia.WriteToneAsync(tone, seconds: 1);
            var payload = new FilePayload { Name = FileName, MimeType = "audio/mpeg", Buffer = await File.ReadAllBytesAsync(tone, cancellationToken) };
            File.Delete(tone);
            await page.SetInputFilesAsync("#files", payload);
        }

        var result = await page.EvaluateAsync<JsonElement>("([flow, api, bearer]) => window.flows[flow](api, bearer)",
            new object[] { flow, fixture.Host.BaseAddress.ToString().TrimEnd('/'), bearer });
        return (result, console);
    }
}
