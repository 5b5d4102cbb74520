using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using MediaFunctions.Testing.Api;
using MediaFunctions.Testing.Media;
using MediaFunctions.Testing.Servers;
using Xunit;

namespace MediaFunctions.Testing.Runtimes;

/// <summary>
/// A job's life through its orchestrations, the same cases on every runtime: the self-host on the
/// embedded engine, and the Functions app under the Durable Task SDK's worker and replay. Each runtime's
/// test class derives from this with its own <see cref="RuntimeFixture"/>.
/// </summary>
public abstract class JobRuntimeContract(RuntimeFixture fixture)
{
    [Fact]
    public async Task ExtractAudio_Upload_PlayableLinksPerFormatAndTheInputDropped()
    {
        using var timeout = JobApi.Timeout(90);
        using var alice = fixture.ClientFor(RuntimeFixture.AliceKey);

        var accepted = await JobApi.SubmitNativeAsync(alice, JobApi.Form(fixture.Media.Mp4, ("output_format", "mp3,wav"), ("full_audio", "true")), timeout.Token);
        var jobId = accepted.GetProperty("jobId").GetString()!;
        var job = await JobApi.WaitForJobAsync(alice, jobId, timeout.Token);
        var (instanceStatus, instance) = await JobApi.GetAsync(alice, $"/api/instances/{jobId}", timeout.Token);

        Assert.Equal($"{fixture.BaseAddress.AbsoluteUri}api/instances/{jobId}", accepted.GetProperty("statusQueryGetUri").GetString());
        Assert.True(job.GetProperty("state").GetString() == "completed", job.ToString());
        Assert.Equal(100, job.GetProperty("progress").GetInt32());
        Assert.Equal(HttpStatusCode.OK, instanceStatus);
        Assert.Equal(("Completed", "completed", 100), (instance.GetProperty("runtimeStatus").GetString(),
            instance.GetProperty("customStatus").GetProperty("stage").GetString(), instance.GetProperty("customStatus").GetProperty("progress").GetInt32()));
        var folder = fixture.Media.NewOutputFolder();
        var codecs = new List<string>();
        foreach (var output in job.GetProperty("outputs").EnumerateArray())
        {
            var file = await JobApi.DownloadAsync(output.GetProperty("url").GetString()!, folder, timeout.Token);
            var probe = await JobApi.ProbeAsync(file, timeout.Token);
            codecs.Add(Assert.Single(probe.Streams).CodecName!);
            Assert.InRange(probe.Duration!.Value.TotalSeconds, GeneratedMedia.LengthSeconds - 0.1, GeneratedMedia.LengthSeconds + 0.1);
        }

        Assert.Equal(["mp3", "pcm_s16le"], codecs);
        Assert.Empty(await JobApi.BlobsAsync(fixture.Blobs, "inputs", $"alice/{jobId}/", timeout.Token));
    }

    [Fact]
    public async Task AuphonicProduction_CreateUploadStart_DoneWithItsFileAtTheLoudnessTarget()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor(RuntimeFixture.AliceKey);
        var (_, created) = await AuphonicApi.SendJsonAsync(alice, HttpMethod.Post, "/api/productions.json",
            """{"metadata": {"title": "Runtime"}, "output_files": [{"format": "mp3"}], "algorithms": {"loudnesstarget": -20}}""", timeout.Token);
        var uuid = AuphonicApi.Uuid(created);
        await AuphonicApi.SendFormAsync(alice, $"/api/production/{uuid}/upload.json", timeout.Token, ("input_file", "@" + fixture.Media.Mp4));
        var (startStatus, started) = await AuphonicApi.SendJsonAsync(alice, HttpMethod.Post, $"/api/production/{uuid}/start.json", null, timeout.Token);
        Assert.True(startStatus == HttpStatusCode.OK, started.ToString());

        var production = await AuphonicApi.WaitForEndAsync(alice, uuid, timeout.Token);

        Assert.True(production.GetProperty("status_string").GetString() == "Done", production.ToString());
        var file = await AuphonicApi.DownloadAsync(alice, production.GetProperty("output_files")[0].GetProperty("download_url").GetString()!,
            fixture.Media.NewOutputFolder(), timeout.Token);
        var probe = await JobApi.ProbeAsync(file, timeout.Token);
        Assert.Equal("mp3", Assert.Single(probe.Streams).CodecName);
        Assert.InRange(probe.Duration!.Value.TotalSeconds, GeneratedMedia.LengthSeconds - 0.1, GeneratedMedia.LengthSeconds + 0.1);
        var loudness = await new Core.Media.Production.Loudness.LoudnessAnalyser(FfmpegTools.Runner()).MeasureAsync(file, null, timeout.Token);
        Assert.InRange(loudness.IntegratedLoudness, -20.5, -19.5);
    }

    [Fact]
    public async Task ExtractAudio_LongRender_ProgressBetweenStartAndEndInTheStatus()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor(RuntimeFixture.AliceKey);
        var jobId = (await JobApi.SubmitNativeAsync(alice, JobApi.Form(fixture.LongAudio, ("full_audio", "true"), ("output_format", "ogg,ac3,mp3,aac")), timeout.Token))
            .GetProperty("jobId").GetString()!;

        // What a client polling the job sees: the render's progress events reach the status as they come.
        var seen = new List<int>();
        JsonElement job;
        while (true)
        {
            (_, job) = await JobApi.GetAsync(alice, $"/api/jobs/{jobId}", timeout.Token);
            if (job.GetProperty("state").GetString() is not ("pending" or "in_progress"))
            {
                break;
            }

            seen.Add(job.GetProperty("progress").GetInt32());
            await Task.Delay(100, timeout.Token);
        }

        Assert.True(job.GetProperty("state").GetString() == "completed", job.ToString());
        Assert.Contains(seen, progress => progress is > 0 and < 100);
        Assert.Equal(seen.Order(), seen);
    }

    [Fact]
    public async Task Download_LocalOriginWithProgressWebhooks_EachStageThenTheEnd()
    {
        using var timeout = JobApi.Timeout(90);
        await using var receiver = await WebhookReceiver.StartAsync(failuresBeforeSuccess: 0, timeout.Token);
        using var alice = fixture.ClientFor(RuntimeFixture.AliceKey);

        var job = await DownloadApi.RunAsync(alice, new
        {
            url = fixture.DownloadOrigin.ClipUrl.AbsoluteUri,
            clip_end = 2,
            video_codec = "h264",
            webhook_url = receiver.Url.AbsoluteUri,
            progress_webhooks = true,
        }, timeout.Token);
        var requests = await receiver.WaitForAsync(3, timeout.Token);

        var file = await JobApi.DownloadAsync(DownloadApi.Result(job).GetProperty("download_url").GetString()!, fixture.Media.NewOutputFolder(), timeout.Token);
        var probe = await JobApi.ProbeAsync(file, timeout.Token);
        Assert.Contains("h264", probe.Streams.Select(stream => stream.CodecName));
        Assert.InRange(probe.Duration!.Value.TotalSeconds, 1.9, 2.2);
        var events = requests.Select(request => (request.Headers["X-MediaFunctions-Event"],
            JsonDocument.Parse(request.Body).RootElement.GetProperty("stage").GetString())).ToList();
        Assert.Contains(("job.progress", "processing"), events);
        Assert.Contains(("job.progress", "uploading"), events);
        Assert.Contains(("job.completed", "completed"), events);
    }

    [Fact]
    public async Task NonPersistent_SasExpiresLinkLifetimeAfterCompletionThenTheFilesAreDeleted()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(RuntimeFixture.AliceKey, shortLinks: true);

        var jobId = (await JobApi.SubmitNativeAsync(alice, JobApi.Form(fixture.Media.Mp4), timeout.Token)).GetProperty("jobId").GetString()!;
        var job = await JobApi.WaitForJobAsync(alice, jobId, timeout.Token);
        var output = job.GetProperty("outputs")[0];
        var url = output.GetProperty("url").GetString()!;
        var file = await JobApi.DownloadAsync(url, fixture.Media.NewOutputFolder(), timeout.Token);

        Assert.True(new FileInfo(file).Length > 0);
        var expiresAt = output.GetProperty("expiresAt").GetDateTimeOffset();
        var signedExpiry = DateTimeOffset.Parse(HttpUtility.ParseQueryString(new Uri(url).Query)["se"]!, CultureInfo.InvariantCulture);
        Assert.Equal(expiresAt.ToUnixTimeSeconds(), signedExpiry.ToUnixTimeSeconds());
        var lifetime = expiresAt - job.GetProperty("updatedAt").GetDateTimeOffset();
        Assert.InRange(lifetime, RuntimeFixture.ShortLinkLifetime - TimeSpan.FromSeconds(1), RuntimeFixture.ShortLinkLifetime + TimeSpan.FromSeconds(0.5));
        Assert.Empty(await JobApi.BlobsAsync(fixture.Blobs, "inputs", $"alice/{jobId}/", timeout.Token));
        var blobName = Assert.Single(await JobApi.BlobsAsync(fixture.Blobs, "outputs", $"alice/{jobId}/", timeout.Token));
        Assert.Equal("false", (await JobApi.OutputTagsAsync(fixture.Blobs, blobName, timeout.Token))["persistent"]);

        // The cleanup timer deletes the output once the link has expired.
        while ((await JobApi.BlobsAsync(fixture.Blobs, "outputs", $"alice/{jobId}/", timeout.Token)).Count > 0)
        {
            await Task.Delay(200, timeout.Token);
        }

        Assert.True(DateTimeOffset.UtcNow >= expiresAt, $"The file was deleted before its link expired at {expiresAt:O}.");
        using var anonymous = new HttpClient();
        using var expired = await anonymous.GetAsync(new Uri(url), timeout.Token);
        Assert.False(expired.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Webhook_ReceiverFailsTwice_SignedJobViewDeliveredOnTheThirdAttempt()
    {
        using var timeout = JobApi.Timeout(90);
        await using var receiver = await WebhookReceiver.StartAsync(failuresBeforeSuccess: 2, timeout.Token);
        using var alice = fixture.ClientFor(RuntimeFixture.AliceKey);

        var accepted = await JobApi.SubmitNativeAsync(alice,
            JobApi.Form(fixture.Media.Mp4, ("output_format", "mp3"), ("webhook_url", receiver.Url.AbsoluteUri)), timeout.Token);
        var jobId = accepted.GetProperty("jobId").GetString()!;
        var requests = await receiver.WaitForAsync(3, timeout.Token);
        var (_, job) = await JobApi.GetAsync(alice, $"/api/jobs/{jobId}", timeout.Token);
        var (secretStatus, secret) = await JobApi.GetAsync(alice, "/api/webhooks/secret", timeout.Token);

        Assert.Equal(HttpStatusCode.OK, secretStatus);
        Assert.Equal([500, 500, 200], requests.Select(request => request.AnsweredStatus));
        Assert.All(requests, request =>
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal(receiver.Url.PathAndQuery, request.PathAndQuery);
            Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
            Assert.Equal("job.completed", request.Headers["X-MediaFunctions-Event"]);
            WebhookSignature.AssertSigned(secret.GetProperty("secret").GetString()!, request);
        });
        Assert.Single(requests.Select(request => request.Headers["X-MediaFunctions-Delivery"]).Distinct());
        // The payload is the job as GET shows it, ended; only its updatedAt may be a moment earlier.
        var delivered = JsonNode.Parse(requests[2].Body)!.AsObject();
        var current = JsonNode.Parse(job.GetRawText())!.AsObject();
        Assert.Equal("completed", current["state"]!.GetValue<string>());
        delivered.Remove("updatedAt");
        current.Remove("updatedAt");
        Assert.True(JsonNode.DeepEquals(current, delivered), $"GET: {current}\nwebhook: {delivered}");
        // The job had ended before its webhook left, so a receiver that looks it up finds it ended.
        Assert.True(requests[0].ReceivedAt >= job.GetProperty("updatedAt").GetDateTimeOffset(),
            $"The webhook arrived at {requests[0].ReceivedAt:O}; the job ended at {job.GetProperty("updatedAt")}.");
    }
}
