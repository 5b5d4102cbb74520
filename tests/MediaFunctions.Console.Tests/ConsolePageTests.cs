using System.Net;
using Deque.AxeCore.Playwright;
using MediaFunctions.Testing.Api;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MediaFunctions.Console.Tests;

/// <summary>
/// The web console in Debian's Chromium against the real host, used as a person would: by labels, roles and the keyboard. Each test
/// compares what the page shows with what the API answers over HTTP, and leaves a screenshot of its page at desktop and phone width.
/// </summary>
public sealed class ConsolePageTests(ConsoleFixture fixture, ITestOutputHelper log) : IClassFixture<ConsoleFixture>
{
    private static readonly (string Name, int Width, int Height)[] Widths = [("desktop", 1280, 800), ("phone", 390, 844)];

    /// <summary>Long enough for an upload, a job and its publishing on a loaded machine; Playwright waits for signals, never sleeps.</summary>
    private const float WaitMilliseconds = 60_000;

    [Fact]
    public async Task SignIn_UnknownKey_ShowsTheApiMessageAndKeepsNoKey()
    {
        using var timeout = JobApi.Timeout(60);
        using var anonymous = fixture.ClientFor("not-a-key");
        var (status, body) = await JobApi.GetAsync(anonymous, "/api/jobs?pageSize=1", timeout.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var expected = JobApi.Error(body).Message;
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Host.BaseAddress.ToString());

        await page.GetByLabel("API key").FillAsync("not-a-key");
        await page.GetByLabel("API key").PressAsync("Enter");

        await Expect(page.Locator("#sign-in-error")).ToHaveTextAsync(expected);
        await ScreenshotAsync(page, "sign-in");
        log.WriteLine($"The page said: {expected}");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('mediafunctions.key')"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ExtractAudio_UploadedVideoAsMp3AndFlac_ProgressReaches100AndBothFilesPlay()
    {
        using var timeout = JobApi.Timeout(120);
        await using var context = await NewContextAsync();
        var page = await SignedInPageAsync(context);
        var requests = new List<string>();
        var idempotencyKeys = new List<string?>();
        page.Request += (_, request) =>
        {
            requests.Add(new Uri(request.Url).PathAndQuery);
            if (request.Method == "POST")
            {
                idempotencyKeys.Add(request.Headers.GetValueOrDefault("idempotency-key"));
            }
        };

        await page.GetByLabel("Media file").SetInputFilesAsync(fixture.Video);
        await page.GetByRole(AriaRole.Group, new() { Name = "Formats" }).GetByLabel("flac", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Start (seconds)").FillAsync("2");
        await page.GetByLabel("Duration (seconds)").FillAsync("6");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();

        await Expect(page.Locator("#upload-percent")).ToHaveTextAsync("100%", new() { Timeout = WaitMilliseconds });
        await Expect(page.Locator("#job-percent")).ToHaveTextAsync("100%", new() { Timeout = WaitMilliseconds });
        await Expect(page.Locator("#run-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Job .+ completed\\.$"), new() { Timeout = WaitMilliseconds });
        Assert.Equal("", await page.Locator("#run-error").TextContentAsync());
        var links = page.Locator("#results a[download]");
        await Expect(links).ToHaveCountAsync(2);
        log.WriteLine($"The page said: {await page.Locator("#run-status").TextContentAsync()}; {string.Join(" | ", await page.Locator("#results li").AllInnerTextsAsync())}");
        // The progress came live from the events route (the key in its query), not from polling the job.
        var jobId = (await page.Locator("#run-status").TextContentAsync())!.Split(' ')[1];
        Assert.Contains(requests, path => path.StartsWith($"/api/jobs/{jobId}/events?bearer_token=", StringComparison.Ordinal));
        Assert.DoesNotContain($"/api/jobs/{jobId}", requests);
        // The create went with an Idempotency-Key, so the page's one retry after a dropped connection would start nothing twice.
        Assert.Matches("^[0-9a-f]{32}$", Assert.Single(idempotencyKeys));
        log.WriteLine($"Its requests: {string.Join(" ", requests.Select(path => path.Split('?')[0]))}");

        // The players load each file as a browser plays it (under the page's Content-Security-Policy).
        var played = await page.EvalOnSelectorAllAsync<double[]>("#results audio", """
            players => Promise.all(players.map(player => new Promise(resolve => {
              player.addEventListener('loadedmetadata', () => resolve(player.duration));
              player.addEventListener('error', () => resolve(-1));
              player.preload = 'metadata';
              player.load();
            })))
            """);
        log.WriteLine($"The players read durations of {string.Join(" and ", played)} s.");
        Assert.All(played, seconds => Assert.InRange(seconds, 5.8, 6.2));

        var folder = Directory.CreateTempSubdirectory("mf-console-out-").FullName;
        foreach (var format in new[] { "mp3", "flac" })
        {
            var url = await page.Locator($"#results a[data-format='{format}']").GetAttributeAsync("href") ?? throw new InvalidOperationException($"No {format} link.");
            var file = await JobApi.DownloadAsync(url, folder, timeout.Token);
            var probe = await JobApi.ProbeAsync(file, timeout.Token);
            var seconds = probe.Duration?.TotalSeconds ?? 0;
            log.WriteLine($"{format}: {new FileInfo(file).Length} bytes; ffprobe: {string.Join(",", probe.FormatNames)}, {seconds:F3} s");
            Assert.Contains(format, probe.FormatNames);
            Assert.InRange(seconds, 5.9, 6.1);
        }

        Directory.Delete(folder, recursive: true);
        await ScreenshotAsync(page, "new-job");
    }

    [Fact]
    public async Task ExtractAudio_VideoOverTheMultipartCap_GoesUpInBlocksToStorageThenCompletes()
    {
        using var timeout = JobApi.Timeout(120);
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        // This host would take the video in one POST; told a cap below its size, the page does what it does on a host the file is too
        // big for (the Functions app's 100 MB): an upload session.
        await page.RouteAsync("**/api/console/config", route => route.FulfillAsync(new()
        {
            ContentType = "application/json",
            Body = $"{{\"multipartMaxBytes\":{ConsoleFixture.UploadBlockBytes},\"maxUploadBytes\":{ConsoleFixture.UploadBlockBytes * 100}}}",
        }));
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add($"{request.Method} {new Uri(request.Url).AbsolutePath}{(request.Url.Contains("comp=block", StringComparison.Ordinal) ? " block" : "")}");
        await SignedInPageAsync(context, page);
        await page.EvaluateAsync("""
            () => {
              window.uploadPercents = [];
              new MutationObserver(() => window.uploadPercents.push(document.getElementById('upload-percent').textContent))
                .observe(document.getElementById('upload-percent'), { childList: true, characterData: true, subtree: true });
            }
            """);

        await page.GetByLabel("Media file").SetInputFilesAsync(fixture.Video);
        await page.GetByLabel("Duration (seconds)").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();

        await Expect(page.Locator("#job-percent")).ToHaveTextAsync("100%", new() { Timeout = WaitMilliseconds });
        await Expect(page.Locator("#run-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Job .+ completed\\.$"));
        var blocks = (int)Math.Ceiling(new FileInfo(fixture.Video).Length / (double)ConsoleFixture.UploadBlockBytes);
        var percents = await page.EvaluateAsync<string[]>("() => window.uploadPercents");
        log.WriteLine($"{blocks} blocks; the upload bar read {string.Join(" ", percents)}");
        log.WriteLine($"Its requests: {string.Join(" | ", requests.Where(request => !request.StartsWith("GET /console", StringComparison.Ordinal)))}");
        Assert.Contains("POST /api/uploads", requests);
        Assert.True(requests.Count(request => request.StartsWith("PUT ", StringComparison.Ordinal) && request.EndsWith(" block", StringComparison.Ordinal)) >= blocks,
            string.Join(" | ", requests));
        Assert.Contains(requests, request => request.StartsWith("POST /api/uploads/", StringComparison.Ordinal) && request.EndsWith("/complete", StringComparison.Ordinal));
        var numbers = percents.Select(percent => int.Parse(percent.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(numbers.Order(), numbers);
        Assert.True(numbers.Distinct().Count() >= Math.Min(blocks, 3), $"The bar moved block by block: {string.Join(" ", percents)}");
        Assert.Equal(100, numbers[^1]);
        var url = await page.Locator("#results a[data-format='mp3']").GetAttributeAsync("href") ?? throw new InvalidOperationException("No mp3 link.");
        var folder = Directory.CreateTempSubdirectory("mf-console-out-").FullName;
        var probe = await JobApi.ProbeAsync(await JobApi.DownloadAsync(url, folder, timeout.Token), timeout.Token);
        Directory.Delete(folder, recursive: true);
        log.WriteLine($"ffprobe: {string.Join(",", probe.FormatNames)}, {probe.Duration?.TotalSeconds:F3} s");
        Assert.InRange(probe.Duration?.TotalSeconds ?? 0, 2.9, 3.1);
    }

    [Fact]
    public async Task Download_PastedUrlClippedAsMkv_VideoPlayerAndTheClip()
    {
        using var timeout = JobApi.Timeout(120);
        await using var context = await NewContextAsync();
        var page = await SignedInPageAsync(context);

        await page.GetByLabel("Or a media URL").FillAsync(fixture.Origin.Url("talk.mp4").ToString());
        await page.GetByLabel("Download (URL)").CheckAsync();
        await page.GetByLabel("Format", new() { Exact = true }).SelectOptionAsync("mkv");
        await page.GetByLabel("Clip end").FillAsync("00:00:04");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();

        await Expect(page.Locator("#job-percent")).ToHaveTextAsync("100%", new() { Timeout = WaitMilliseconds });
        await Expect(page.Locator("#results video")).ToHaveCountAsync(1);
        Assert.False(await page.Locator("#upload-row").IsVisibleAsync(), "A URL has no upload.");
        var url = await page.Locator("#results a[data-format='mkv']").GetAttributeAsync("href") ?? throw new InvalidOperationException("No mkv link.");
        var folder = Directory.CreateTempSubdirectory("mf-console-out-").FullName;
        var probe = await JobApi.ProbeAsync(await JobApi.DownloadAsync(url, folder, timeout.Token), timeout.Token);
        Directory.Delete(folder, recursive: true);
        var seconds = probe.Duration?.TotalSeconds ?? 0;
        log.WriteLine($"The page said: {string.Join(" | ", await page.Locator("#results li").AllInnerTextsAsync())}; ffprobe: {string.Join(",", probe.FormatNames)}, {seconds:F3} s");
        Assert.Contains("matroska", probe.FormatNames);
        Assert.InRange(seconds, 3.8, 4.3);
        await ScreenshotAsync(page, "download");
    }

    [Fact]
    public async Task Production_UploadedVideoWithTitleAndChapters_DoneWithATaggedMp3()
    {
        using var timeout = JobApi.Timeout(120);
        await using var context = await NewContextAsync();
        var page = await SignedInPageAsync(context);

        await page.GetByLabel("Media file").SetInputFilesAsync(fixture.Video);
        await page.GetByLabel("Podcast production").CheckAsync();
        await page.GetByLabel("Loudness target").SelectOptionAsync("-16");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Console episode");
        await page.GetByLabel("Artist", new() { Exact = true }).FillAsync("The console");
        await page.GetByLabel("Chapters, one a line").FillAsync("00:00:00 Opening\n00:00:05 Second half");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();

        await Expect(page.Locator("#upload-percent")).ToHaveTextAsync("100%", new() { Timeout = WaitMilliseconds });
        await Expect(page.Locator("#run-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Production .+ is done\\.$"), new() { Timeout = WaitMilliseconds });
        await Expect(page.Locator("#job-percent")).ToHaveTextAsync("100%");
        var url = await page.Locator("#results a[data-format='mp3']").GetAttributeAsync("href") ?? throw new InvalidOperationException("No mp3 link.");
        var folder = Directory.CreateTempSubdirectory("mf-console-out-").FullName;
        var file = await JobApi.DownloadAsync(url, folder, timeout.Token);
        var probe = await JobApi.ProbeAsync(file, timeout.Token);
        Directory.Delete(folder, recursive: true);
        var seconds = probe.Duration?.TotalSeconds ?? 0;
        log.WriteLine($"The page said: {await page.Locator("#run-status").TextContentAsync()} {string.Join(" | ", await page.Locator("#results li").AllInnerTextsAsync())}");
        log.WriteLine($"ffprobe: {string.Join(",", probe.FormatNames)}, {seconds:F3} s, title {probe.Tags.GetValueOrDefault("title")}, artist {probe.Tags.GetValueOrDefault("artist")}");
        Assert.Contains("mp3", probe.FormatNames);
        Assert.InRange(seconds, ConsoleFixture.VideoSeconds - 0.2, ConsoleFixture.VideoSeconds + 0.2);
        Assert.Equal("Console episode", probe.Tags.GetValueOrDefault("title"));
        Assert.Equal("The console", probe.Tags.GetValueOrDefault("artist"));
        await ScreenshotAsync(page, "production");
    }

    [Fact]
    public async Task ExtractAudio_TextFileNamedMp4Dropped_ShowsTheApiMessage()
    {
        using var timeout = JobApi.Timeout(60);
        using var client = fixture.ClientFor(ConsoleFixture.Key);
        var (status, body) = await JobApi.PostAsync(client, "/api/jobs/extract-audio", JobApi.Form(fixture.TextAsVideo, ("output_format", "mp3")), timeout.Token);
        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType or HttpStatusCode.UnprocessableEntity, $"{(int)status} {body}");
        var expected = JobApi.Error(body).Message;
        await using var context = await NewContextAsync();
        var page = await SignedInPageAsync(context);

        // Dropped on the drop zone, as a user drags it from their files.
        var dropped = await page.EvaluateHandleAsync("([name, text]) => { const data = new DataTransfer(); data.items.add(new File([text], name, { type: 'video/mp4' })); return data; }",
            new[] { Path.GetFileName(fixture.TextAsVideo), await File.ReadAllTextAsync(fixture.TextAsVideo, timeout.Token) });
        await page.DispatchEventAsync("#drop-zone", "drop", new { dataTransfer = dropped });
        Assert.Equal("notes.mp4", await page.EvalOnSelectorAsync<string>("#source-file", "input => input.files[0]?.name"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = expected })).ToBeVisibleAsync(new() { Timeout = WaitMilliseconds });
        log.WriteLine($"The API answered {(int)status}; the page said: {await page.Locator("#run-error").TextContentAsync()}");
        await ScreenshotAsync(page, "new-job-error");
    }

    [Fact]
    public async Task Lists_JobBatchAndProductionOfTheKey_ShownWithTheirStateAndDeletedFromTheList()
    {
        using var timeout = JobApi.Timeout(90);
        using var client = fixture.ClientFor(ConsoleFixture.Key);
        var accepted = await JobApi.SubmitNativeAsync(client, JobApi.Form(fixture.Video, ("output_format", "mp3"), ("duration", "2")), timeout.Token);
        var jobId = accepted.GetProperty("id").GetString()!;
        var (batchStatus, batch) = await JobApi.PostAsync(client, "/api/batches", JobApi.Json(new
        {
            kind = "extract-audio",
            urls = new[] { fixture.Origin.Url("talk.mp4").ToString() },
            output_format = "mp3",
            duration = 2,
            zip = true,
        }), timeout.Token);
        Assert.True(batchStatus == HttpStatusCode.Accepted, $"{(int)batchStatus} {batch}");
        var batchId = batch.GetProperty("batchId").GetString()!;
        var (productionStatus, production) = await JobApi.PostAsync(client, "/api/productions.json",
            JobApi.Json(new { metadata = new { title = "Listed episode" } }), timeout.Token);
        Assert.True(productionStatus == HttpStatusCode.OK, $"{(int)productionStatus} {production}");
        var uuid = production.GetProperty("data").GetProperty("uuid").GetString()!;
        await JobApi.WaitForJobAsync(client, jobId, timeout.Token);
        await using var context = await NewContextAsync();
        var page = await SignedInPageAsync(context);
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(new Uri(request.Url).AbsolutePath);

        await page.GetByRole(AriaRole.Link, new() { Name = "Jobs, batches and productions" }).ClickAsync();
        var row = page.Locator($"#jobs-table tr[data-job='{jobId}']");
        await Expect(row).ToContainTextAsync("completed", new() { Timeout = WaitMilliseconds });
        await Expect(row.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Download .+\\.mp3$") })).ToBeVisibleAsync();
        // A batch still running when the list loaded moves on by its events, without a refresh.
        var batchView = page.Locator($"details[data-batch='{batchId}']");
        await Expect(batchView.Locator("summary")).ToContainTextAsync("completed, 1 of 1 completed (100%)", new() { Timeout = WaitMilliseconds });
        log.WriteLine(requests.Contains($"/api/batches/{batchId}/events") ? "The batch was running when the list loaded: it was followed live." : "The batch had ended when the list loaded.");
        await batchView.Locator("summary").ClickAsync();
        await Expect(batchView.GetByRole(AriaRole.Link, new() { Name = $"Download {batchId}.zip" })).ToBeVisibleAsync();
        await Expect(batchView.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("value", "100");
        Assert.DoesNotContain("null", await batchView.InnerTextAsync(), StringComparison.Ordinal);
        var productionRow = page.Locator($"#productions-table tr[data-production='{uuid}']");
        await Expect(productionRow).ToContainTextAsync("Listed episode");
        log.WriteLine($"The lists show: {await row.InnerTextAsync()} | {await batchView.InnerTextAsync()} | {await productionRow.InnerTextAsync()}");
        await ScreenshotAsync(page, "lists");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Delete job {jobId}" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0, new() { Timeout = WaitMilliseconds });
        await productionRow.GetByRole(AriaRole.Button, new() { Name = $"Delete production {uuid}" }).ClickAsync();
        await Expect(productionRow).ToHaveCountAsync(0, new() { Timeout = WaitMilliseconds });

        await Expect(page.Locator("#lists-status")).ToHaveTextAsync($"Delete production {uuid}: done.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Jobs, batches and productions" })).ToBeFocusedAsync();
        var (jobStatus, jobBody) = await JobApi.GetAsync(client, $"/api/jobs/{jobId}", timeout.Token);
        Assert.True(jobStatus == HttpStatusCode.NotFound, $"{(int)jobStatus} {jobBody}");
        var (deletedStatus, deleted) = await JobApi.GetAsync(client, $"/api/production/{uuid}.json", timeout.Token);
        Assert.True(deletedStatus == HttpStatusCode.NotFound, $"{(int)deletedStatus} {deleted}");
    }

    [Fact]
    public async Task EveryPage_Axe_NoAccessibilityViolations()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Host.BaseAddress.ToString());
        var violations = await ViolationsAsync(page, "sign-in");
        await page.GetByLabel("API key").FillAsync(ConsoleFixture.Key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New job" })).ToBeVisibleAsync();
        foreach (var kind in new[] { "Extract audio", "Download (URL)", "Podcast production" })
        {
            await page.GetByLabel(kind).CheckAsync();
            violations.AddRange(await ViolationsAsync(page, $"new job, {kind}"));
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Jobs, batches and productions" }).ClickAsync();
        await Expect(page.Locator("#lists-status")).ToHaveTextAsync("Lists loaded.");
        violations.AddRange(await ViolationsAsync(page, "lists"));

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>What axe-core finds wrong on the page as it stands, one line a rule, each with the page's name.</summary>
    private async Task<List<string>> ViolationsAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        var found = result.Violations.Select(violation =>
            $"{name}: {violation.Id} ({violation.Impact}) {violation.Help}: {string.Join(", ", violation.Nodes.Select(node => node.Target?.ToString()))}").ToList();
        log.WriteLine($"axe on {name}: {result.Passes.Length} rules pass, {found.Count} violated");
        return found;
    }

    private async Task<IBrowserContext> NewContextAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = Widths[0].Width, Height = Widths[0].Height } });
        context.SetDefaultTimeout(WaitMilliseconds / 2);
        return context;
    }

    /// <summary>The console with the fixture's key signed in, by the keyboard: the key typed into its labelled field and Enter.</summary>
    private async Task<IPage> SignedInPageAsync(IBrowserContext context, IPage? page = null)
    {
        page ??= await context.NewPageAsync();
        await page.GotoAsync(fixture.Host.BaseAddress.ToString());
        await page.GetByLabel("API key").FillAsync(ConsoleFixture.Key);
        await page.GetByLabel("API key").PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New job" })).ToBeFocusedAsync();
        return page;
    }

    /// <summary>Writes <c>{name}-desktop.png</c> and <c>{name}-phone.png</c> (whole page) and prints their paths.</summary>
    private async Task ScreenshotAsync(IPage page, string name)
    {
        foreach (var (width, x, y) in Widths)
        {
            await page.SetViewportSizeAsync(x, y);
            var path = Path.Combine(ConsoleFixture.ScreenshotFolder, $"{name}-{width}.png");
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
            log.WriteLine($"Screenshot: {path}");
        }

        await page.SetViewportSizeAsync(Widths[0].Width, Widths[0].Height);
    }
}
