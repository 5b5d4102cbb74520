using System.Net;
using System.Net.Http.Json;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Host.Tests.Jobs;

/// <summary>What each bad download request gets: its status, its code, and a message that names the field or the problem.</summary>
[Collection(JobCollection.Name)]
public sealed class DownloadJobErrorTests(JobHostFixture fixture, DownloadOrigin origin) : IClassFixture<DownloadOrigin>
{
    public static TheoryData<string, string, string> InvalidFields => new()
    {
        { """{"format":"mp4"}""", "url", "url is required" },
        { """{"video_codec":"av1"}""", "video_codec", "video_codec must be one of copy, h264, h265, vp9" },
        { """{"audio_codec":"flac"}""", "audio_codec", "audio_codec must be one of copy, aac, opus, mp3" },
        { """{"audio_bitrate":"500k"}""", "audio_bitrate", "audio_bitrate must be from 64k to 320k" },
        { """{"audio_bitrate":"loud"}""", "audio_bitrate", "audio_bitrate must be a bit rate" },
        { """{"video_quality":52}""", "video_quality", "video_quality is a CRF from 0" },
        { """{"video_quality":"best"}""", "video_quality", "video_quality must be a CRF from 0 to 51" },
        { """{"quality":"ultra"}""", "quality", "quality must be one of highest, high, medium, low, lowest" },
        { """{"max_resolution":"999"}""", "max_resolution", "max_resolution must be best or one of 2160, 1440, 1080, 720, 480, 360" },
        { """{"clip_start":"1:2:3:4"}""", "clip_start", "clip_start must be HH:MM:SS, MM:SS or seconds" },
        { """{"clip_start":"00:00:05","clip_end":"00:00:02"}""", "clip_end", "clip_end (2 s) must be greater than clip_start (5 s)" },
        { """{"filename":"../escape"}""", "filename", "filename must not contain '..'" },
        { """{"filename":"a/b"}""", "filename", "filename must not contain '/' or '\\'" },
        { """{"filename":"nul\u0000byte"}""", "filename", "filename must not contain null bytes" },
        { $$"""{"filename":"{{new string('x', 256)}}"}""", "filename", "filename is 256 characters; the most is 255" },
        { """{"folder":"/root"}""", "folder", "folder must not start with '/' or '\\'" },
        { """{"folder":"   "}""", "folder", "folder must not be empty or whitespace" },
        { """{"folder":"a/../b"}""", "folder", "folder must not contain '..'" },
        { """{"max_duration":0}""", "max_duration", "max_duration must be a number of seconds from 1" },
        { """{"progress_webhooks":true}""", "progress_webhooks", "progress_webhooks needs webhook_url" },
        { """{"webhook_url":"ftp://example.com/hook"}""", "webhook_url", "webhook_url must be an absolute http or https URL" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Create_InvalidField_400NamingIt(string fields, string field, string message)
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var body = System.Text.Json.Nodes.JsonNode.Parse(fields)!.AsObject();
        if (field != "url")
        {
            body["url"] = origin.ClipUrl.AbsoluteUri;
        }

        var (status, error) = await JobApi.PostAsync(alice, "/jobs", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(("invalid_field", true), (JobApi.Error(error).Code, JobApi.Error(error).Message.Contains(message, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Create_UnknownFormat_SilentlyMp4AndSaysSo()
    {
        using var timeout = JobApi.Timeout(90);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var job = await DownloadApi.RunAsync(alice, new { url = origin.ClipUrl.AbsoluteUri, format = "avi", clip_end = 1 }, timeout.Token);

        Assert.Equal("mp4", DownloadApi.Result(job).GetProperty("format").GetString());
        Assert.Equal(["format:avi->mp4"], DownloadApi.Corrections(job));
    }

    [Fact]
    public async Task Create_ClipStartPastTheEnd_422()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var (status, error) = await JobApi.PostAsync(alice, "/jobs", JobApi.Json(new { url = origin.ClipUrl.AbsoluteUri, clip_start = 30 }), timeout.Token);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("clip_out_of_range", JobApi.Error(error).Code);
        Assert.Contains("clip_start (30 s) is at or past the end of the media (6", JobApi.Error(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_LiveSetOnAFileWithAnEnd_422()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var (status, error) = await JobApi.PostAsync(alice, "/jobs", JobApi.Json(new { url = origin.ClipUrl.AbsoluteUri, live = true }), timeout.Token);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("not_live", JobApi.Error(error).Code);
    }

    [Fact]
    public async Task Create_NotMedia_400InvalidMedia()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        await File.WriteAllTextAsync(Path.Combine(origin.Folder, "page", "notes.txt"), "Just some notes, no media here.\n", timeout.Token);

        var (status, error) = await JobApi.PostAsync(alice, "/jobs", JobApi.Json(new { url = origin.Server.Url("page/notes.txt").AbsoluteUri }), timeout.Token);
        var (subtitleStatus, subtitleError) = await JobApi.PostAsync(alice, "/jobs", JobApi.Json(new { url = origin.Server.Url("page/en.vtt").AbsoluteUri }), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_media", JobApi.Error(error).Code);
        // Subtitles alone are media to ffmpeg, but nothing to download.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, subtitleStatus);
        Assert.Equal(("no_audio_stream", "The media has neither video nor audio."), JobApi.Error(subtitleError));
    }

    [Fact]
    public async Task Create_PageWithoutMedia_422()
    {
        using var timeout = JobApi.Timeout(90);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        await File.WriteAllTextAsync(Path.Combine(origin.Folder, "page", "empty.html"), "<html><head><title>Notes</title></head><body><p>No video.</p></body></html>", timeout.Token);

        var (status, error) = await JobApi.PostAsync(alice, "/jobs", JobApi.Json(new { url = origin.Server.Url("page/empty.html").AbsoluteUri }), timeout.Token);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("no_media_found", JobApi.Error(error).Code);
    }

    [Fact]
    public async Task Create_SourceOverTheKeysSizeCap_413()
    {
        using var timeout = JobApi.Timeout();
        using var dave = fixture.ClientFor(JobHostFixture.DaveKey);
        Assert.True(new FileInfo(origin.ClipPath).Length > JobHostFixture.DaveMaxSourceBytes, "The clip must be larger than dave's cap.");

        var (status, error) = await JobApi.PostAsync(dave, "/jobs", JobApi.Json(new { url = origin.ClipUrl.AbsoluteUri, clip_end = 2 }), timeout.Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("source_too_large", JobApi.Error(error).Code);
    }

    [Fact]
    public async Task Create_MediaOverTheKeysDurationCap_422ButAShortClipOfItRuns()
    {
        using var timeout = JobApi.Timeout();
        using var dave = fixture.ClientFor(JobHostFixture.DaveKey);

        var (status, error) = await JobApi.PostAsync(dave, "/jobs", JobApi.Json(new { url = origin.ToneUrl.AbsoluteUri }), timeout.Token);
        var clip = await DownloadApi.RunAsync(dave, new { url = origin.ToneUrl.AbsoluteUri, clip_end = 2 }, timeout.Token);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("duration_too_long", JobApi.Error(error).Code);
        Assert.Contains("up to 3 s", JobApi.Error(error).Message, StringComparison.Ordinal);
        Assert.Equal("completed", clip.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Create_NotJson_415()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var (status, error) = await JobApi.PostAsync(alice, "/jobs", new StringContent("url=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"), timeout.Token);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("unsupported_media_type", JobApi.Error(error).Code);
    }

    [Fact]
    public async Task Create_QueueAtItsDepth_503WithRetryAfter()
    {
        using var timeout = JobApi.Timeout(60);
        await using var host = new MediaFunctions.Testing.HostProcess(fixture.Settings("QueueDepth", new()
        {
            ["Sources__AllowPrivateNetworks"] = "true",
            ["Jobs__MaxQueuedJobs"] = "1",
        }));
        await host.StartAsync();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey, host);
        // A job waiting for a stream that is not there holds its place in the queue.
        var waiting = await DownloadApi.CreateAsync(alice, new { url = origin.LiveUrl("never").AbsoluteUri, wait_for_scheduled = true }, timeout.Token);

        using var response = await alice.PostAsync("/jobs", JobApi.Json(new { url = origin.ClipUrl.AbsoluteUri }), timeout.Token);
        var error = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(timeout.Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("queue_full", JobApi.Error(error).Code);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        // The first job is still there, waiting for its stream.
        while ((await DownloadApi.GetAsync(alice, waiting, timeout.Token)).GetProperty("stage").GetString() != "waiting")
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    [Fact]
    public async Task Create_NativeWithoutKind_400()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var (status, error) = await JobApi.PostAsync(alice, "/api/jobs", JobApi.Json(new { url = origin.ClipUrl.AbsoluteUri }), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("kind is required", JobApi.Error(error).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/video.mp4")]
    [InlineData("http://[::1]:9/video.mp4")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.1.2.3/video.mp4")]
    [InlineData("http://localhost:9/video.mp4")]
    public async Task Create_UrlNotAllowed_400(string url)
    {
        using var timeout = JobApi.Timeout();
        // The short-link host keeps the default: private networks refused.
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey, fixture.ShortLinkHost);

        var (status, error) = await JobApi.PostAsync(alice, "/jobs", JobApi.Json(new { url }), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("url_not_allowed", JobApi.Error(error).Code);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/video.mp4")]
    public async Task Create_SchemeOtherThanHttp_400(string url)
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var (status, error) = await JobApi.PostAsync(alice, "/jobs", JobApi.Json(new { url }), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_url", JobApi.Error(error).Code);
        Assert.Contains("http or https", JobApi.Error(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_RedirectToLoopback_400()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey, fixture.ShortLinkHost);
        origin.Server.Redirect("go/elsewhere", origin.ClipUrl.AbsoluteUri);

        var (status, error) = await JobApi.PostAsync(alice, "/jobs", JobApi.Json(new { url = origin.Server.Url("go/elsewhere").AbsoluteUri }), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("url_not_allowed", JobApi.Error(error).Code);
    }
}
