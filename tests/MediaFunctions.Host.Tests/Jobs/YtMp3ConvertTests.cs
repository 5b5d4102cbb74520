using System.Net;
using MediaFunctions.Testing.Media;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Host.Tests.Jobs;

/// <summary>The YouTube-to-MP3 dialect against local servers: a video page yt-dlp understands, and the media itself.</summary>
[Collection(JobCollection.Name)]
public sealed class YtMp3ConvertTests(JobHostFixture fixture, OriginMedia origin) : IClassFixture<OriginMedia>
{
    [Theory]
    [InlineData(null, 320)]
    [InlineData("medium", 192)]
    [InlineData("low", 128)]
    public async Task Convert_VideoPage_AnswersWithTheMp3AtTheQualitysBitRate(string? quality, int kilobits)
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var page = await WritePageAsync("<!DOCTYPE html><html><head><title>Launch talk</title></head><body><video controls><source src=\"/media/long.mp4\" type=\"video/mp4\"></video></body></html>");

        var (status, body) = await JobApi.PostAsync(alice, "/convert", JobApi.Json(new { url = page.AbsoluteUri, quality }), timeout.Token);

        // The wait of /convert covers a conversion this short: the link comes in the one answer.
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Equal(100, body.GetProperty("progress").GetInt32());
        var file = await JobApi.DownloadAsync(body.GetProperty("download_url").GetString()!, fixture.Media.NewOutputFolder(), timeout.Token);
        var probe = await JobApi.ProbeAsync(file, timeout.Token);
        var mp3 = Assert.Single(probe.Streams);
        Assert.Equal("mp3", mp3.CodecName);
        Assert.Equal(kilobits * 1000, mp3.BitRate);
        Assert.InRange(probe.Duration!.Value.TotalSeconds, OriginMedia.LongSeconds - 0.1, OriginMedia.LongSeconds + 0.1);
        // Named after the page's title, in the characters file names keep.
        Assert.StartsWith("Launch_talk", Path.GetFileName(new Uri(body.GetProperty("download_url").GetString()!).LocalPath), StringComparison.Ordinal);

        var (statusCode, again) = await JobApi.GetAsync(alice, $"/status/{body.GetProperty("conversion_id").GetString()}", timeout.Token);
        Assert.Equal(HttpStatusCode.OK, statusCode);
        Assert.Equal("completed", again.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Convert_DirectMediaUrl_Converts()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var (status, body) = await JobApi.PostAsync(alice, "/convert", JobApi.Json(new { url = origin.LongMp4Url.AbsoluteUri, quality = "low" }), timeout.Token);

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        var conversion = body.GetProperty("status").GetString() == "completed"
            ? body
            : await WaitAsync(alice, body.GetProperty("conversion_id").GetString()!, timeout.Token);
        var file = await JobApi.DownloadAsync(conversion.GetProperty("download_url").GetString()!, fixture.Media.NewOutputFolder(), timeout.Token);
        Assert.InRange((await DecodedAudio.MeasureAsync(file, timeout.Token)).DurationSeconds, OriginMedia.LongSeconds - 0.1, OriginMedia.LongSeconds + 0.1);
    }

    [Theory]
    [InlineData("{\"quality\":\"high\"}", "invalid_url")]
    [InlineData("{\"url\":\"not a url\"}", "invalid_url")]
    [InlineData("{\"url\":\"ftp://example.com/a.mp4\"}", "invalid_url")]
    [InlineData("{\"url\":\"https://example.com/a.mp4\",\"quality\":\"ultra\"}", "invalid_quality")]
    [InlineData("{\"url\":", "invalid_json")]
    public async Task Convert_BadRequest_400WithTheEnvelope(string json, string code)
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var (status, body) = await JobApi.PostAsync(alice, "/convert", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, JobApi.Error(body).Code);
    }

    [Fact]
    public async Task Convert_PageWithoutVideo_422NoMediaFound()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var page = await WritePageAsync("<html><head><title>Minutes</title></head><body><p>No video here.</p></body></html>");

        var (status, body) = await JobApi.PostAsync(alice, "/convert", JobApi.Json(new { url = page.AbsoluteUri }), timeout.Token);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("no_media_found", JobApi.Error(body).Code);
    }

    [Fact]
    public async Task Status_AnotherKeysConversionOrNone_404()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        using var bob = fixture.ClientFor(JobHostFixture.BobKey);
        var (_, body) = await JobApi.PostAsync(alice, "/convert", JobApi.Json(new { url = origin.LongMp4Url.AbsoluteUri, quality = "low" }), timeout.Token);

        Assert.Equal(HttpStatusCode.NotFound, (await JobApi.GetAsync(bob, $"/status/{body.GetProperty("conversion_id").GetString()}", timeout.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await JobApi.GetAsync(alice, "/status/alice-0000000000000000ffffffffffffffff", timeout.Token)).Status);
    }

    private static async Task<System.Text.Json.JsonElement> WaitAsync(HttpClient client, string conversionId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (_, body) = await JobApi.GetAsync(client, $"/status/{conversionId}", cancellationToken);
            if (body.GetProperty("status").GetString() is "completed" or "failed" or "cancelled")
            {
                return body;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private async Task<Uri> WritePageAsync(string html)
    {
        var folder = origin.NewOutputFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "page.html"), html);
        return origin.Server.Url($"{Path.GetFileName(folder)}/page.html");
    }
}
