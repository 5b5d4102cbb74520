using MediaFunctions.Testing.Media;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Host.Tests.Jobs;

/// <summary>Live HLS recording: capped by max_duration, and a scheduled stream waited for on durable timers.</summary>
[Collection(JobCollection.Name)]
public sealed class DownloadLiveTests(JobHostFixture fixture, DownloadOrigin origin) : IClassFixture<DownloadOrigin>
{
    [Fact]
    public async Task Create_LiveStream_RecordedUntilMaxDuration()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var stream = origin.StartLiveStream("capped", seconds: 60);
        await WaitForPlaylistAsync(stream, timeout.Token);

        var jobId = await DownloadApi.CreateAsync(alice, new { url = stream.AbsoluteUri, max_duration = 4 }, timeout.Token);
        var recording = await WaitForStageAsync(alice, jobId, "recording", timeout.Token);
        var recorderNices = FfmpegTools.ThreadNiceValues(await WaitForFfmpegReadingAsync(stream, timeout.Token));
        var job = await DownloadApi.WaitAsync(alice, jobId, timeout.Token);

        Assert.True(recording, "The job never showed the recording stage.");
        // A stream copy stored while it is written: ffmpeg runs below the host, whose upload sets the pace.
        Assert.NotEmpty(recorderNices);
        Assert.All(recorderNices, nice => Assert.Equal(10, nice));
        var result = DownloadApi.Result(job);
        var probe = await JobApi.ProbeAsync(await JobApi.DownloadAsync(result.GetProperty("download_url").GetString()!, origin.NewOutputFolder(), timeout.Token), timeout.Token);
        Assert.InRange(probe.Duration!.Value.TotalSeconds, 3.5, 4.2);
        Assert.Equal(["h264", "aac"], probe.Streams.Select(s => s.CodecName));
    }

    [Fact]
    public async Task Create_LiveStreamWithoutMaxDuration_KeyCapReportedAsACorrection()
    {
        using var timeout = JobApi.Timeout(60);
        using var dave = fixture.ClientFor(JobHostFixture.DaveKey);
        var stream = origin.StartLiveStream("uncapped", seconds: 60);
        await WaitForPlaylistAsync(stream, timeout.Token);

        var job = await DownloadApi.RunAsync(dave, new { url = stream.AbsoluteUri }, timeout.Token);

        Assert.Contains($"max_duration:none->{(int)JobHostFixture.DaveMaxDuration.TotalSeconds}", DownloadApi.Corrections(job));
        var result = DownloadApi.Result(job);
        Assert.InRange(result.GetProperty("duration").GetDouble(), JobHostFixture.DaveMaxDuration.TotalSeconds - 0.5, JobHostFixture.DaveMaxDuration.TotalSeconds + 0.2);
    }

    [Fact]
    public async Task Create_WaitForScheduled_WaitsUntilTheStreamStartsThenRecords()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var later = origin.LiveUrl("later");

        var jobId = await DownloadApi.CreateAsync(alice, new { url = later.AbsoluteUri, wait_for_scheduled = true, max_duration = 3, live_from_start = true }, timeout.Token);
        var waiting = await WaitForStageAsync(alice, jobId, "waiting", timeout.Token);
        // The job looks for the stream again every poll interval. Once the origin has turned away two looks made while
        // it waited, the job has taken the first miss and gone on waiting.
        int Misses() => origin.Server.Requests.Count(request => request.Path == later.AbsolutePath && request.Status == 404);
        var missesBefore = Misses();
        while (Misses() < missesBefore + 2)
        {
            await Task.Delay(100, timeout.Token);
        }

        Assert.Equal("waiting", (await DownloadApi.GetAsync(alice, jobId, timeout.Token)).GetProperty("stage").GetString());
        origin.StartLiveStream("later", seconds: 60);
        var job = await DownloadApi.WaitAsync(alice, jobId, timeout.Token);

        Assert.True(waiting, "The job never showed the waiting stage.");
        var result = DownloadApi.Result(job);
        Assert.InRange(result.GetProperty("duration").GetDouble(), 2.5, 3.2);
    }

    [Fact]
    public async Task Create_ClipOfALiveStream_Unprocessable()
    {
        using var timeout = JobApi.Timeout(60);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var stream = origin.StartLiveStream("clipped", seconds: 30);
        await WaitForPlaylistAsync(stream, timeout.Token);

        var (status, body) = await JobApi.PostAsync(alice, "/jobs", JobApi.Json(new { url = stream.AbsoluteUri, clip_start = 1, clip_end = 3 }), timeout.Token);

        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("clip_of_live_stream", JobApi.Error(body).Code);
    }

    private static async Task WaitForPlaylistAsync(Uri playlist, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        while (!(await client.GetAsync(playlist, cancellationToken)).IsSuccessStatusCode)
        {
            await Task.Delay(200, cancellationToken);
        }
    }

    // The ffmpeg reading the URL: its input, the relay's URL for it, ends in the URL's host and path (the origin's own ffmpeg
    // writing the stream names its files by their path alone).
    private static async Task<int> WaitForFfmpegReadingAsync(Uri url, CancellationToken cancellationToken)
    {
        while (true)
        {
            var ffmpeg = FfmpegTools.ProcessIdsWith(url.Authority + url.AbsolutePath).FirstOrDefault(id => ProcessName(id) == "ffmpeg");
            if (ffmpeg != 0)
            {
                return ffmpeg;
            }

            await Task.Delay(50, cancellationToken);
        }

        static string? ProcessName(int id)
        {
            try
            {
                return File.ReadAllText($"/proc/{id}/comm").TrimEnd();
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    // True once GET /jobs/{id} shows the stage (false if the job ended first).
    private static async Task<bool> WaitForStageAsync(HttpClient client, string jobId, string stage, CancellationToken cancellationToken)
    {
        while (true)
        {
            var job = await DownloadApi.GetAsync(client, jobId, cancellationToken);
            if (job.GetProperty("stage").GetString() == stage)
            {
                return true;
            }

            if (job.GetProperty("state").GetString() is "completed" or "failed" or "cancelled")
            {
                return false;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
