using System.Net;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Host.Tests.Jobs;

/// <summary>Download jobs of the video-download dialect, end to end: a local origin, the real host, ffprobe on what comes back.</summary>
[Collection(JobCollection.Name)]
public sealed class DownloadJobTests(JobHostFixture fixture, DownloadOrigin origin) : IClassFixture<DownloadOrigin>
{
    private const double Tolerance = 0.1;

    [Fact]
    public async Task Create_DefaultsWithSubtitlesAndThumbnail_CopiesTheVideoAndReturnsEveryLink()
    {
        using var timeout = JobApi.Timeout(90);
        using var client = ClientWithApiKeyHeader(JobHostFixture.AliceKey);

        var job = await DownloadApi.RunAsync(client, new { url = origin.ClipUrl.AbsoluteUri, subtitles = true, thumbnail = true, filename = "My clip" }, timeout.Token);

        var result = DownloadApi.Result(job);
        Assert.Equal(("mp4", "h264", "aac", "1280x720"), (result.GetProperty("format").GetString(), result.GetProperty("video_codec").GetString(),
            result.GetProperty("audio_codec").GetString(), result.GetProperty("resolution").GetString()));
        Assert.Equal("My clip.mp4", result.GetProperty("filename").GetString());
        Assert.Empty(DownloadApi.Corrections(job));
        var folder = origin.NewOutputFolder();
        var file = await JobApi.DownloadAsync(result.GetProperty("download_url").GetString()!, folder, timeout.Token);
        var probe = await JobApi.ProbeAsync(file, timeout.Token);
        Assert.Equal(new FileInfo(file).Length, result.GetProperty("file_size").GetInt64());
        Assert.InRange(probe.Duration!.Value.TotalSeconds, DownloadOrigin.ClipSeconds - Tolerance, DownloadOrigin.ClipSeconds + Tolerance);
        Assert.InRange(result.GetProperty("duration").GetDouble(), DownloadOrigin.ClipSeconds - Tolerance, DownloadOrigin.ClipSeconds + Tolerance);
        Assert.Equal(["h264", "aac"], probe.Streams.Where(s => s.Kind is MediaStreamKind.Video or MediaStreamKind.Audio).Select(s => s.CodecName));
        // The embedded track, as WebVTT.
        var subtitle = await JobApi.DownloadAsync(result.GetProperty("subtitle_url").GetString()!, folder, timeout.Token);
        var vtt = await File.ReadAllTextAsync(subtitle, timeout.Token);
        Assert.StartsWith("WEBVTT", vtt, StringComparison.Ordinal);
        Assert.Contains("Hello from the clip", vtt, StringComparison.Ordinal);
        Assert.Equal("eng", result.GetProperty("subtitles")[0].GetProperty("language").GetString());
        // No picture on a bare media URL: a frame of the video, as a JPEG.
        var thumbnail = await JobApi.ProbeAsync(await JobApi.DownloadAsync(result.GetProperty("thumbnail_url").GetString()!, folder, timeout.Token), timeout.Token);
        var picture = Assert.Single(thumbnail.Streams);
        Assert.Equal(("mjpeg", 1280, 720), (picture.CodecName, picture.Width, picture.Height));
    }

    [Fact]
    public async Task Create_WebmWithH264AndAacClip_CorrectedToVp9AndOpusAndCut()
    {
        using var timeout = JobApi.Timeout(120);
        using var client = ClientWithApiKeyHeader(JobHostFixture.AliceKey);

        var job = await DownloadApi.RunAsync(client,
            new { url = origin.ClipUrl.AbsoluteUri, format = "webm", video_codec = "h264", audio_codec = "aac", clip_start = "00:00:01", clip_end = 3, quality = "low" },
            timeout.Token);

        var result = DownloadApi.Result(job);
        Assert.Equal(["video_codec:h264->vp9", "audio_codec:aac->opus"], DownloadApi.Corrections(job));
        var probe = await JobApi.ProbeAsync(await JobApi.DownloadAsync(result.GetProperty("download_url").GetString()!, origin.NewOutputFolder(), timeout.Token), timeout.Token);
        Assert.Contains("webm", probe.FormatNames);
        Assert.Equal(["vp9", "opus"], probe.Streams.Select(s => s.CodecName));
        Assert.InRange(probe.Duration!.Value.TotalSeconds, 2 - Tolerance, 2 + Tolerance);
    }

    [Theory]
    [InlineData("mp3", "aac", "audio_codec:aac->mp3", "mp3")]
    [InlineData("ogg", "aac", "audio_codec:aac->opus", "opus")]
    [InlineData("opus", "aac", "audio_codec:aac->opus", "opus")]
    public async Task Create_AudioFormatWithAac_AudioCodecCorrected(string format, string audioCodec, string correction, string expectedCodec)
    {
        using var timeout = JobApi.Timeout(90);
        using var client = ClientWithApiKeyHeader(JobHostFixture.AliceKey);

        var job = await DownloadApi.RunAsync(client, new { url = origin.ClipUrl.AbsoluteUri, format, audio_codec = audioCodec, audio_bitrate = "128k" }, timeout.Token);

        var result = DownloadApi.Result(job);
        Assert.Equal([correction], DownloadApi.Corrections(job));
        var probe = await JobApi.ProbeAsync(await JobApi.DownloadAsync(result.GetProperty("download_url").GetString()!, origin.NewOutputFolder(), timeout.Token), timeout.Token);
        var audio = Assert.Single(probe.Streams);
        Assert.Equal(expectedCodec, audio.CodecName);
        Assert.Null(result.GetProperty("video_codec").GetString());
    }

    [Fact]
    public async Task Create_AudioOnly_M4aWithTheAacCopied()
    {
        using var timeout = JobApi.Timeout(90);
        using var client = ClientWithApiKeyHeader(JobHostFixture.AliceKey);

        var job = await DownloadApi.RunAsync(client, new { url = origin.ClipUrl.AbsoluteUri, audio_only = true }, timeout.Token);

        var result = DownloadApi.Result(job);
        Assert.Equal(("m4a", "aac"), (result.GetProperty("format").GetString(), result.GetProperty("audio_codec").GetString()));
        var file = await JobApi.DownloadAsync(result.GetProperty("download_url").GetString()!, origin.NewOutputFolder(), timeout.Token);
        Assert.EndsWith(".m4a", file, StringComparison.Ordinal);
        var probe = await JobApi.ProbeAsync(file, timeout.Token);
        var audio = Assert.Single(probe.Streams);
        Assert.Equal(("aac", 128), (audio.CodecName, (int)Math.Round((audio.BitRate ?? 0) / 1000d / 16) * 16));
    }

    [Fact]
    public async Task Create_AudioBitrateWithoutCodec_EncodesAac()
    {
        using var timeout = JobApi.Timeout(90);
        using var client = ClientWithApiKeyHeader(JobHostFixture.AliceKey);

        var job = await DownloadApi.RunAsync(client, new { url = origin.ClipUrl.AbsoluteUri, audio_bitrate = "64k", clip_end = 2 }, timeout.Token);

        var result = DownloadApi.Result(job);
        Assert.Equal(["audio_codec:copy->aac"], DownloadApi.Corrections(job));
        var probe = await JobApi.ProbeAsync(await JobApi.DownloadAsync(result.GetProperty("download_url").GetString()!, origin.NewOutputFolder(), timeout.Token), timeout.Token);
        var audio = Assert.Single(probe.AudioStreams);
        Assert.InRange(audio.BitRate ?? 0, 48_000, 80_000);
    }

    [Fact]
    public async Task Create_VerticalVideoWithMaxResolution_ShorterSideScaledAndEncoded()
    {
        using var timeout = JobApi.Timeout(120);
        using var client = ClientWithApiKeyHeader(JobHostFixture.AliceKey);

        var job = await DownloadApi.RunAsync(client, new { url = origin.VerticalUrl.AbsoluteUri, max_resolution = "480", video_quality = 30 }, timeout.Token);

        var result = DownloadApi.Result(job);
        Assert.Equal(["video_codec:copy->h264"], DownloadApi.Corrections(job));
        Assert.Equal("480x854", result.GetProperty("resolution").GetString());
        var probe = await JobApi.ProbeAsync(await JobApi.DownloadAsync(result.GetProperty("download_url").GetString()!, origin.NewOutputFolder(), timeout.Token), timeout.Token);
        var video = Assert.Single(probe.VideoStreams);
        Assert.Equal(("h264", 480, 854), (video.CodecName, video.Width, video.Height));
    }

    [Fact]
    public async Task Create_VideoSitePage_NamedAfterItsTitleWithItsPosterAndTrack()
    {
        using var timeout = JobApi.Timeout(120);
        using var client = ClientWithApiKeyHeader(JobHostFixture.AliceKey);

        var job = await DownloadApi.RunAsync(client, new { url = origin.PageUrl.AbsoluteUri, subtitles = true, thumbnail = true, folder = "shows/2026" }, timeout.Token);

        var result = DownloadApi.Result(job);
        Assert.StartsWith("Download_test_page", result.GetProperty("filename").GetString(), StringComparison.Ordinal);
        var folder = origin.NewOutputFolder();
        var languages = result.GetProperty("subtitles").EnumerateArray().Select(s => s.GetProperty("language").GetString()).ToList();
        Assert.Equal(["eng", "en"], languages);
        var pageTrack = await JobApi.DownloadAsync(result.GetProperty("subtitles")[1].GetProperty("url").GetString()!, folder, timeout.Token);
        Assert.Contains("Hello from the page", await File.ReadAllTextAsync(pageTrack, timeout.Token), StringComparison.Ordinal);
        var poster = await JobApi.ProbeAsync(await JobApi.DownloadAsync(result.GetProperty("thumbnail_url").GetString()!, folder, timeout.Token), timeout.Token);
        Assert.Equal((480, 270), (poster.Streams[0].Width, poster.Streams[0].Height));
        var blobs = await JobApi.BlobsAsync(fixture.Blobs, "outputs", "alice/" + job.GetProperty("job_id").GetString() + "/", timeout.Token);
        Assert.All(blobs, blob => Assert.Contains("/shows/2026/", blob, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_PageWithSeparateVideoAndAudioStreams_OneFileWithBoth()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var job = await DownloadApi.RunAsync(alice, new { url = origin.SplitPageUrl.AbsoluteUri }, timeout.Token);

        var result = DownloadApi.Result(job);
        Assert.StartsWith("Split_streams_page", result.GetProperty("filename").GetString(), StringComparison.Ordinal);
        var probe = await JobApi.ProbeAsync(await JobApi.DownloadAsync(result.GetProperty("download_url").GetString()!, origin.NewOutputFolder(), timeout.Token), timeout.Token);
        var video = Assert.Single(probe.VideoStreams);
        Assert.Equal(("h264", 640, 360), (video.CodecName, video.Width, video.Height));
        Assert.Equal("aac", probe.PrimaryAudioStream?.CodecName);
        Assert.InRange(probe.Duration!.Value.TotalSeconds, DownloadOrigin.SplitSeconds - 0.1, DownloadOrigin.SplitSeconds + 0.1);
        Assert.InRange(result.GetProperty("duration").GetDouble(), DownloadOrigin.SplitSeconds - 0.1, DownloadOrigin.SplitSeconds + 0.1);
        // Both came from the origin's two files: nothing muxed them before the job did.
        var served = origin.Server.Requests.Where(request => request.Method == "GET").Select(request => request.Path).ToHashSet();
        Assert.All(DownloadOrigin.SplitStreamPaths, path => Assert.Contains(path, served));
    }

    [Fact]
    public async Task Create_NativeKindDownload_SameJobOnTheNativeApi()
    {
        using var timeout = JobApi.Timeout(90);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var (acceptedStatus, accepted) = await JobApi.PostAsync(alice, "/api/jobs", JobApi.Json(new { kind = "download", url = origin.ClipUrl.AbsoluteUri, clip_end = "00:02" }), timeout.Token);
        Assert.True(acceptedStatus == HttpStatusCode.Accepted, $"{acceptedStatus}: {accepted}");
        Assert.Contains("/api/instances/" + accepted.GetProperty("jobId").GetString(), accepted.GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
        var jobId = accepted.GetProperty("jobId").GetString()!;
        var job = await JobApi.WaitForJobAsync(alice, jobId, timeout.Token);

        Assert.True(job.GetProperty("state").GetString() == "completed", job.ToString());
        Assert.Equal("download", job.GetProperty("kind").GetString());
        Assert.Equal(2, job.GetProperty("request").GetProperty("clip_end").GetDouble());
        var output = job.GetProperty("outputs")[0];
        Assert.Equal(("media", "h264", 1280), (output.GetProperty("role").GetString(), output.GetProperty("videoCodec").GetString(), output.GetProperty("width").GetInt32()));
        Assert.StartsWith($"{origin.Server.Url("").AbsoluteUri}media/clip.mp4", job.GetProperty("sourceUrl").GetString(), StringComparison.Ordinal);
        // The dialect shows the same job, and another key does not see it.
        Assert.Equal("completed", (await DownloadApi.GetAsync(alice, jobId, timeout.Token)).GetProperty("state").GetString());
        using var bob = ClientWithApiKeyHeader(JobHostFixture.BobKey);
        var (status, body) = await JobApi.GetAsync(bob, $"/jobs/{jobId}", timeout.Token);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("not_found", JobApi.Error(body).Code);
    }

    private HttpClient ClientWithApiKeyHeader(string key)
    {
        var client = fixture.Host.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        return client;
    }
}
