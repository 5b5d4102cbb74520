using System.Net;
using System.Text;
using MediaFunctions.Host.Tests.Jobs;
using Xunit.Abstractions;

namespace MediaFunctions.Host.Tests.Uploads;

/// <summary>Upload sessions end to end: blocks PUT straight to storage (Azurite) through the session's link, completion, a job from the upload.</summary>
[Collection(JobCollection.Name)]
public sealed class UploadSessionTests(JobHostFixture fixture, TenSecondVideo video, ITestOutputHelper output) : IClassFixture<TenSecondVideo>
{
    [Fact]
    public async Task Upload_BlocksOutOfOrderAndResent_CompletesProbedAndAJobExtractsItsAudio()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var session = await UploadApi.CreateAsync(alice, video.Size, "talk.mp4", timeout.Token);
        var id = session.GetProperty("id").GetString()!;
        var blockCount = session.GetProperty("block_count").GetInt32();
        output.WriteLine($"{id}: {video.Size} bytes in {blockCount} blocks of {session.GetProperty("block_size")}; {session}");
        Assert.StartsWith("up-", id);
        Assert.Equal("pending", session.GetProperty("status").GetString());
        Assert.Equal(JobHostFixture.UploadBlockSize, session.GetProperty("block_size").GetInt32());
        Assert.True(blockCount >= 3, $"{video.Size} bytes make only {blockCount} blocks");

        // The last block first, then the first, then the last again (a resend), as a resuming client might.
        foreach (var index in new[] { blockCount - 1, 0, blockCount - 1 })
        {
            Assert.Equal(HttpStatusCode.Created, await UploadApi.PutBlockAsync(session, video.Path, index, timeout.Token));
        }

        var (_, partial) = await JobApi.GetAsync(alice, $"/api/uploads/{id}", timeout.Token);
        Assert.Equal([0, blockCount - 1], partial.GetProperty("staged_blocks").EnumerateArray().Select(block => block.GetInt32()));
        for (var index = 1; index < blockCount - 1; index++)
        {
            Assert.Equal(HttpStatusCode.Created, await UploadApi.PutBlockAsync(session, video.Path, index, timeout.Token));
        }

        var (completedStatus, completed) = await UploadApi.CompleteAsync(alice, id, timeout.Token);
        output.WriteLine(completed.ToString());
        Assert.True(completedStatus == HttpStatusCode.OK, completed.ToString());
        Assert.Equal("ready", completed.GetProperty("status").GetString());
        Assert.InRange(completed.GetProperty("media").GetProperty("duration").GetDouble(), TenSecondVideo.Seconds - 0.1, TenSecondVideo.Seconds + 0.1);
        Assert.Equal(["video", "audio"], completed.GetProperty("media").GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("kind").GetString()));

        var accepted = await JobApi.SubmitNativeAsync(alice, JobApi.Json(new { source = new { upload = id }, output_format = "mp3", full_audio = true }), timeout.Token);
        var job = await JobApi.WaitForJobAsync(alice, accepted.GetProperty("jobId").GetString()!, timeout.Token);
        Assert.True(job.GetProperty("state").GetString() == "completed", job.ToString());
        var outputFile = Assert.Single(job.GetProperty("outputs").EnumerateArray());
        Assert.Equal("talk.mp3", outputFile.GetProperty("fileName").GetString());
        var file = await JobApi.DownloadAsync(outputFile.GetProperty("url").GetString()!, fixture.Media.NewOutputFolder(), timeout.Token);
        var probe = await JobApi.ProbeAsync(file, timeout.Token);
        output.WriteLine($"{file}: {probe.Duration}");
        Assert.Equal("mp3", Assert.Single(probe.Streams).CodecName);
        Assert.InRange(probe.Duration!.Value.TotalSeconds, TenSecondVideo.Seconds - 0.1, TenSecondVideo.Seconds + 0.1);

        // An upload feeds one job.
        var (againStatus, again) = await JobApi.PostAsync(alice, "/api/jobs/extract-audio", JobApi.Json(new { source = new { upload = id } }), timeout.Token);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "invalid_upload"), (againStatus, JobApi.Error(again).Code));
    }

    [Fact]
    public async Task Create_SizeOverTheUploadCap_413()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var (status, body) = await JobApi.PostAsync(alice, UploadApi.Route, JobApi.Json(new { size = JobHostFixture.MaxUploadBytes + 1 }), timeout.Token);

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "payload_too_large"), (status, JobApi.Error(body).Code));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task Create_SizeNotPositive_400(long size)
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var (status, body) = await JobApi.PostAsync(alice, UploadApi.Route, JobApi.Json(new { size }), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("size", JobApi.Error(body).Message);
    }

    [Fact]
    public async Task Complete_BlockMissing_422NamingIt()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var session = await UploadApi.CreateAsync(alice, video.Size, "talk.mp4", timeout.Token);
        var blockCount = session.GetProperty("block_count").GetInt32();
        for (var index = 0; index < blockCount; index++)
        {
            if (index != 1)
            {
                await UploadApi.PutBlockAsync(session, video.Path, index, timeout.Token);
            }
        }

        var (status, body) = await UploadApi.CompleteAsync(alice, session.GetProperty("id").GetString()!, timeout.Token);

        var (code, message) = JobApi.Error(body);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "upload_incomplete"), (status, code));
        Assert.Contains($"1 of {blockCount} blocks are not staged yet: 1.", message);
    }

    [Fact]
    public async Task Complete_BlocksHoldOtherThanTheSize_422()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        // Created for one byte more than the file: the last block is a byte short.
        var session = await UploadApi.CreateAsync(alice, video.Size + 1, "talk.mp4", timeout.Token);
        await UploadApi.PutAllBlocksAsync(session, video.Path, timeout.Token);

        var (status, body) = await UploadApi.CompleteAsync(alice, session.GetProperty("id").GetString()!, timeout.Token);

        var (code, message) = JobApi.Error(body);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "upload_size_mismatch"), (status, code));
        Assert.Contains($"block {session.GetProperty("block_count").GetInt32() - 1} has", message);
    }

    [Fact]
    public async Task Complete_NotMedia_422InvalidMedia()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var text = Encoding.UTF8.GetBytes("These are meeting notes, not a video.\n");
        var session = await UploadApi.CreateAsync(alice, text.Length, "notes.mp4", timeout.Token);
        Assert.Equal(HttpStatusCode.Created, await UploadApi.PutAsync(session.GetProperty("upload_url").GetString()!, 0, text, timeout.Token));

        var (status, body) = await UploadApi.CompleteAsync(alice, session.GetProperty("id").GetString()!, timeout.Token);

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "invalid_media"), (status, JobApi.Error(body).Code));
    }

    [Fact]
    public async Task Job_UnknownOrUnfinishedUpload_422()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var pending = await UploadApi.CreateAsync(alice, video.Size, "talk.mp4", timeout.Token);

        foreach (var id in new[] { "up-00000000000000000000000000000000", pending.GetProperty("id").GetString()! })
        {
            var (status, body) = await JobApi.PostAsync(alice, "/api/jobs/extract-audio", JobApi.Json(new { source = new { upload = id } }), timeout.Token);
            Assert.Equal((HttpStatusCode.UnprocessableEntity, "invalid_upload"), (status, JobApi.Error(body).Code));
        }
    }

    [Fact]
    public async Task AnotherKeysUpload_404_AndNoJobFromIt()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        using var bob = fixture.ClientFor(JobHostFixture.BobKey);
        var id = (await UploadApi.CreateAsync(alice, video.Size, "talk.mp4", timeout.Token)).GetProperty("id").GetString()!;

        var (getStatus, _) = await JobApi.GetAsync(bob, $"/api/uploads/{id}", timeout.Token);
        var (completeStatus, _) = await UploadApi.CompleteAsync(bob, id, timeout.Token);
        var (jobStatus, _) = await JobApi.PostAsync(bob, "/api/jobs/extract-audio", JobApi.Json(new { source = new { upload = id } }), timeout.Token);
        var (unknownStatus, unknown) = await JobApi.GetAsync(alice, "/api/uploads/up-nothing", timeout.Token);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.UnprocessableEntity), (getStatus, completeStatus, jobStatus));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (unknownStatus, JobApi.Error(unknown).Code));
    }

    [Fact]
    public async Task UploadUrl_WriteOnlyForItsBlob_CannotReadItNorWriteAnother()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var session = await UploadApi.CreateAsync(alice, video.Size, "talk.mp4", timeout.Token);
        await UploadApi.PutAllBlocksAsync(session, video.Path, timeout.Token);
        await UploadApi.CompleteAsync(alice, session.GetProperty("id").GetString()!, timeout.Token);
        var uploadUrl = session.GetProperty("upload_url").GetString()!;
        using var storage = new HttpClient();

        using var read = await storage.GetAsync(new Uri(uploadUrl), timeout.Token);
        var otherBlob = uploadUrl.Replace("/source?", "/other?", StringComparison.Ordinal);
        Assert.NotEqual(uploadUrl, otherBlob);
        var write = await UploadApi.PutAsync(otherBlob, 0, [1, 2, 3], timeout.Token);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (read.StatusCode, write));
    }
    [Fact]
    public async Task UploadUrl_BrowserPreflightForPut_AllowedFromAnyOrigin()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var session = await UploadApi.CreateAsync(alice, video.Size, "talk.mp4", timeout.Token);
        using var storage = new HttpClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri(session.GetProperty("upload_url").GetString()! + "&comp=block"));
        preflight.Headers.Add("Origin", "https://console.example");
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-ms-version,content-type");

        using var response = await storage.SendAsync(preflight, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins), response.ToString());
        Assert.Contains(Assert.Single(origins), new[] { "*", "https://console.example" });
    }
}
