using System.Net;
using System.Text.Json;
using Azure.Storage.Sas;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Host.Tests.Jobs;

/// <summary>The native jobs API end to end: several formats in one job, URL sources, listing, ownership, delete, docs, health.</summary>
[Collection(JobCollection.Name)]
public sealed class NativeJobTests(JobHostFixture fixture)
{
    private const double Tolerance = 0.05;

    private static readonly Dictionary<string, (string Container, string Codec, string MimeType)> Formats = new()
    {
        ["mp3"] = ("mp3", "mp3", "audio/mpeg"),
        ["wav"] = ("wav", "pcm_s16le", "audio/wav"),
        ["aac"] = ("aac", "aac", "audio/aac"),
        ["ogg"] = ("ogg", "vorbis", "audio/ogg"),
        ["flac"] = ("flac", "flac", "audio/flac"),
        ["wma"] = ("asf", "wmav2", "audio/x-ms-wma"),
        ["ac3"] = ("ac3", "ac3", "audio/ac3"),
        ["amr"] = ("amr", "amr_nb", "audio/amr"),
    };

    [Fact]
    public async Task Create_EightFormatsRepeatedAndCommaSeparated_OneJobWithAFileForEach()
    {
        using var timeout = JobApi.Timeout(90);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var accepted = await JobApi.SubmitNativeAsync(alice, JobApi.Form(fixture.Media.Mp4,
            ("output_format", "mp3,wav,aac,ogg"), ("output_format", "flac"), ("output_format", "wma, ac3 ,amr"), ("start_time", "0.5")), timeout.Token);
        var jobId = accepted.GetProperty("jobId").GetString()!;
        Assert.Equal(jobId, accepted.GetProperty("id").GetString());
        Assert.Equal($"{fixture.Host.BaseAddress.AbsoluteUri}api/instances/{jobId}", accepted.GetProperty("statusQueryGetUri").GetString());
        var job = await JobApi.WaitForJobAsync(alice, jobId, timeout.Token);

        Assert.True(job.GetProperty("state").GetString() == "completed", job.ToString());
        Assert.Equal("extract-audio", job.GetProperty("kind").GetString());
        Assert.Equal(100, job.GetProperty("progress").GetInt32());
        Assert.False(job.GetProperty("persistent").GetBoolean());
        var request = job.GetProperty("request");
        Assert.Equal(Formats.Keys, request.GetProperty("output_format").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal((0.5, 2.0, false), (request.GetProperty("start_time").GetDouble(), request.GetProperty("duration").GetDouble(),
            request.GetProperty("full_audio").GetBoolean()));
        var outputs = job.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal(Formats.Keys, outputs.Select(o => o.GetProperty("format").GetString()));
        var folder = fixture.Media.NewOutputFolder();
        foreach (var output in outputs)
        {
            var format = output.GetProperty("format").GetString()!;
            var (container, codec, mimeType) = Formats[format];
            Assert.Equal($"h264-aac.{format}", output.GetProperty("fileName").GetString());
            Assert.Equal(mimeType, output.GetProperty("mimeType").GetString());
            Assert.Equal(codec, output.GetProperty("codec").GetString());
            // The input's audio is AAC: only the aac output can be a copy.
            Assert.Equal(format == "aac", output.GetProperty("streamCopied").GetBoolean());
            Assert.True(output.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(14));
            var file = await JobApi.DownloadAsync(output.GetProperty("url").GetString()!, folder, timeout.Token);
            Assert.Equal(new FileInfo(file).Length, output.GetProperty("size").GetInt64());
            var probe = await JobApi.ProbeAsync(file, cancellationToken: timeout.Token);
            Assert.Contains(container, probe.FormatNames);
            Assert.Equal(codec, Assert.Single(probe.Streams).CodecName);
            // Each format's cut is measured by the ApyHub tests; here the file need only be what it says.
            Assert.InRange(output.GetProperty("duration").GetDouble(), 2 - Tolerance, 2 + Tolerance);
        }

        Assert.Empty(await JobApi.BlobsAsync(fixture.Blobs, "inputs", $"alice/{jobId}/", timeout.Token));
    }

    [Fact]
    public async Task Create_UrlSource_ReadsTheMediaWhereItIs()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var container = fixture.Blobs.GetBlobContainerClient("published-media");
        await container.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
        var blob = container.GetBlobClient($"{Guid.NewGuid():N}/talk.mkv");
        await blob.UploadAsync(fixture.Media.Mkv, timeout.Token);
        var url = blob.GenerateSasUri(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddHours(1));

        var accepted = await JobApi.SubmitNativeAsync(alice, JobApi.Json(new
        {
            source = new { url = url.AbsoluteUri },
            output_format = new[] { "ogg", "mp3" },
            start_time = 1.5,
            duration = 1.25,
        }), timeout.Token);
        var job = await JobApi.WaitForJobAsync(alice, accepted.GetProperty("jobId").GetString()!, timeout.Token);

        Assert.True(job.GetProperty("state").GetString() == "completed", job.ToString());
        var outputs = job.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal(["talk.ogg", "talk.mp3"], outputs.Select(o => o.GetProperty("fileName").GetString()));
        var file = await JobApi.DownloadAsync(outputs[0].GetProperty("url").GetString()!, fixture.Media.NewOutputFolder(), timeout.Token);
        var decoded = await DecodedAudio.MeasureAsync(file, timeout.Token);
        Assert.InRange(decoded.DurationSeconds, 1.25 - Tolerance, 1.25 + Tolerance);
        Assert.InRange(decoded.ToneOnsetSeconds, 0 - Tolerance, 0 + Tolerance);
    }

    [Fact]
    public async Task List_TheCallersJobsNewestFirstInPages()
    {
        using var timeout = JobApi.Timeout();
        using var bob = fixture.ClientFor(JobHostFixture.BobKey);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await JobApi.SubmitNativeAsync(bob, JobApi.Form(fixture.Media.Mp4), timeout.Token)).GetProperty("jobId").GetString()!);
        }

        using var first = await bob.GetAsync(new Uri("/api/jobs?pageSize=2", UriKind.Relative), timeout.Token);
        var firstPage = JsonDocument.Parse(await first.Content.ReadAsStringAsync(timeout.Token)).RootElement;
        var token = Assert.Single(first.Headers.GetValues("x-ms-continuation-token"));
        using var nextRequest = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/jobs?pageSize=2", UriKind.Relative));
        nextRequest.Headers.Add("x-ms-continuation-token", token);
        using var next = await bob.SendAsync(nextRequest, timeout.Token);
        var nextPage = JsonDocument.Parse(await next.Content.ReadAsStringAsync(timeout.Token)).RootElement;
        var (tooBig, tooBigBody) = await JobApi.GetAsync(bob, "/api/jobs?pageSize=101", timeout.Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal([ids[2], ids[1]], firstPage.EnumerateArray().Select(j => j.GetProperty("id").GetString()));
        Assert.Equal([ids[0]], nextPage.EnumerateArray().Select(j => j.GetProperty("id").GetString()));
        Assert.False(next.Headers.Contains("x-ms-continuation-token"));
        Assert.Equal(HttpStatusCode.BadRequest, tooBig);
        Assert.Contains("pageSize", JobApi.Error(tooBigBody).Message, StringComparison.Ordinal);
        foreach (var id in ids)
        {
            await JobApi.WaitForJobAsync(bob, id, timeout.Token);
        }
    }

    [Fact]
    public async Task GetAndDelete_AnotherKeysJob_404AndTheJobLives()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        using var bob = fixture.ClientFor(JobHostFixture.BobKey);
        var jobId = (await JobApi.SubmitNativeAsync(alice, JobApi.Form(fixture.Media.Mp4), timeout.Token)).GetProperty("jobId").GetString()!;

        var (get, getBody) = await JobApi.GetAsync(bob, $"/api/jobs/{jobId}", timeout.Token);
        using var delete = await bob.DeleteAsync(new Uri($"/api/jobs/{jobId}", UriKind.Relative), timeout.Token);
        var (unknown, _) = await JobApi.GetAsync(alice, "/api/jobs/alice-ffffffffffffffff0000000000000000", timeout.Token);

        Assert.Equal(HttpStatusCode.NotFound, get);
        Assert.Equal("not_found", JobApi.Error(getBody).Code);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal("completed", (await JobApi.WaitForJobAsync(alice, jobId, timeout.Token)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task OpenApi_DocumentsTheJobRoutesAndTheDocsPageServesIt()
    {
        using var timeout = JobApi.Timeout();
        using var client = fixture.Host.CreateClient();

        var (status, document) = await JobApi.GetAsync(client, "/openapi/v1.json", timeout.Token);
        using var docs = await client.GetAsync(new Uri("/docs", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, status);
        var paths = document.GetProperty("paths");
        var create = paths.GetProperty("/api/jobs/extract-audio").GetProperty("post");
        Assert.True(create.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(create.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        Assert.True(create.GetProperty("responses").TryGetProperty("202", out _));
        Assert.True(paths.GetProperty("/api/jobs/{jobId}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/jobs/{jobId}").TryGetProperty("delete", out _));
        Assert.True(paths.GetProperty("/api/jobs").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/files/{token}").TryGetProperty("get", out _));
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    [Fact]
    public async Task Health_ReportsFfmpegAndFfprobeVersions()
    {
        using var timeout = JobApi.Timeout();
        using var client = fixture.Host.CreateClient();

        var (status, health) = await JobApi.GetAsync(client, "/api/health", timeout.Token);

        Assert.Equal(HttpStatusCode.OK, status);
        var ffmpeg = health.GetProperty("ffmpeg");
        Assert.Equal("healthy", ffmpeg.GetProperty("status").GetString());
        Assert.Contains("ffmpeg version", ffmpeg.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("ffprobe version", ffmpeg.GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
