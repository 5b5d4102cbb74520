using System.Net;
using System.Text.Json;
using MediaFunctions.Host.Tests.Jobs;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Host.Tests.Batches.Dialects;

/// <summary>The video-download dialect's batches: <c>POST /jobs</c> with a feed or an M3U list, then <c>/batch/{id}</c>.</summary>
[Collection(JobCollection.Name)]
public sealed class VideoDownloadBatchTests(JobHostFixture fixture, BatchSourceOrigin origin) : IClassFixture<BatchSourceOrigin>
{
    private static readonly string[] Titles = ["Episode 1: 220 Hz", "Episode 2: 440 Hz", "Episode 3: 660 Hz"];

    [Fact]
    public async Task CreateJob_PodcastFeed_AnswersTheShowAndDownloadsEveryEpisode()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var feed = await WriteFeedAsync(timeout.Token);

        using var response = await alice.PostAsync(new Uri("/jobs", UriKind.Relative), JobApi.Json(new { url = feed.AbsoluteUri, audio_only = true, format = "mp3" }),
            timeout.Token);
        var created = await ReadAsync(response, timeout.Token);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, created.ToString());
        var batchId = created.GetProperty("batch_id").GetString()!;
        Assert.EndsWith($"/batch/{batchId}", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.False(created.GetProperty("paused").GetBoolean());
        Assert.Equal(3, created.GetProperty("total_episodes").GetInt32());
        Assert.False(created.TryGetProperty("total_videos", out _));
        var episodes = created.GetProperty("episodes").EnumerateArray().ToList();
        Assert.Equal(Titles, episodes.Select(episode => episode.GetProperty("title").GetString()));
        Assert.Equal(["The lowest tone.", "The middle tone.", "The highest tone."], episodes.Select(episode => episode.GetProperty("description").GetString()));
        Assert.Equal(["2025-01-06", "2025-01-07", "2025-01-08"], episodes.Select(episode => episode.GetProperty("release_date").GetString()));
        Assert.Equal(Enumerable.Range(1, 3).Select(number => origin.EpisodeUrl(number).AbsoluteUri), episodes.Select(episode => episode.GetProperty("url").GetString()));
        var jobIds = episodes.Select(episode => episode.GetProperty("job_id").GetString()!).ToList();
        Assert.Equal(jobIds, created.GetProperty("episode_jobs").EnumerateArray().Select(id => id.GetString()));

        var batch = await WaitEndedAsync(alice, batchId, timeout.Token);

        Assert.Equal("completed", batch.GetProperty("status").GetString());
        Assert.Equal(feed.AbsoluteUri, batch.GetProperty("show_url").GetString());
        Assert.Equal("Test Tones Weekly", batch.GetProperty("title").GetString());
        Assert.Equal((3, 3, 0, 100), (batch.GetProperty("total_episodes").GetInt32(), batch.GetProperty("completed_episodes").GetInt32(),
            batch.GetProperty("failed_episodes").GetInt32(), batch.GetProperty("progress").GetInt32()));
        Assert.Equal(3, batch.GetProperty("counts").GetProperty("completed").GetInt32());
        Assert.Equal(jobIds, batch.GetProperty("jobs").EnumerateArray().Select(job => job.GetProperty("job_id").GetString()));
        Assert.All(batch.GetProperty("jobs").EnumerateArray(), job => Assert.Equal("completed", job.GetProperty("status").GetString()));
        foreach (var jobId in jobIds)
        {
            var result = DownloadApi.Result(await DownloadApi.GetAsync(alice, jobId, timeout.Token));
            var file = await JobApi.DownloadAsync(result.GetProperty("download_url").GetString()!, fixture.Media.NewOutputFolder(), timeout.Token);
            var probe = await JobApi.ProbeAsync(file, timeout.Token);
            Assert.Equal("mp3", Assert.Single(probe.Streams).CodecName);
            Assert.InRange(probe.Duration!.Value.TotalSeconds, 0.9, 1.2);
        }
    }

    [Fact]
    public async Task CreateJob_M3uList_AnswersTheVideosAndCompletes()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var list = await origin.WriteAsync("tones.m3u", "#EXTM3U\n#PLAYLIST:Tones\n"
            + string.Concat(Enumerable.Range(1, 3).Select(number => $"#EXTINF:1,Tone {number}\n{origin.EpisodeUrl(number)}\n")), timeout.Token);

        var (status, created) = await JobApi.PostAsync(alice, "/jobs", JobApi.Json(new { url = list.AbsoluteUri, audio_only = true, format = "mp3" }), timeout.Token);

        Assert.True(status == HttpStatusCode.Accepted, created.ToString());
        Assert.Equal(3, created.GetProperty("total_videos").GetInt32());
        Assert.False(created.TryGetProperty("total_episodes", out _));
        var videos = created.GetProperty("videos").EnumerateArray().ToList();
        Assert.Equal(["Tone 1", "Tone 2", "Tone 3"], videos.Select(video => video.GetProperty("title").GetString()));
        Assert.Equal(videos.Select(video => video.GetProperty("job_id").GetString()), created.GetProperty("video_jobs").EnumerateArray().Select(id => id.GetString()));

        var batch = await WaitEndedAsync(alice, created.GetProperty("batch_id").GetString()!, timeout.Token);

        Assert.Equal("completed", batch.GetProperty("status").GetString());
        Assert.Equal(list.AbsoluteUri, batch.GetProperty("playlist_url").GetString());
        Assert.Equal((3, 3), (batch.GetProperty("total_videos").GetInt32(), batch.GetProperty("completed_videos").GetInt32()));
        Assert.All(batch.GetProperty("jobs").EnumerateArray(), job => Assert.EndsWith(".mp3", job.GetProperty("result").GetProperty("filename").GetString(),
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task PausedBatch_RenameThenStart_FilesCarryTheNewNames()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        using var bob = fixture.ClientFor(JobHostFixture.BobKey);
        var feed = await WriteFeedAsync(timeout.Token);
        var created = await CreatePausedAsync(alice, feed, timeout.Token);
        var batchId = created.GetProperty("batch_id").GetString()!;
        var jobIds = created.GetProperty("episode_jobs").EnumerateArray().Select(id => id.GetString()!).ToList();
        var other = await CreatePausedAsync(alice, feed, timeout.Token);
        var otherJobId = other.GetProperty("episode_jobs")[0].GetString()!;

        Assert.Equal((true, "paused"), (created.GetProperty("paused").GetBoolean(), created.GetProperty("status").GetString()));
        var waiting = await DownloadApi.GetAsync(alice, jobIds[0], timeout.Token);
        Assert.Equal(("pending", "paused"), (waiting.GetProperty("state").GetString(), waiting.GetProperty("stage").GetString()));

        // One bad name refuses every rename, and says which.
        var (badStatus, bad) = await PatchAsync(alice, batchId, [(jobIds[0], "Intro tone"), (jobIds[1], "../escape")], timeout.Token);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal("invalid_renames", JobApi.Error(bad).Code);
        Assert.Contains(jobIds[1], JobApi.Error(bad).Message, StringComparison.Ordinal);
        var (foreignStatus, foreign) = await PatchAsync(alice, batchId, [(otherJobId, "Not mine")], timeout.Token);
        Assert.Equal(HttpStatusCode.BadRequest, foreignStatus);
        Assert.Contains(otherJobId, JobApi.Error(foreign).Message, StringComparison.Ordinal);
        Assert.All((await GetBatchAsync(alice, batchId, timeout.Token)).GetProperty("jobs").EnumerateArray(),
            job => Assert.Equal(JsonValueKind.Null, job.GetProperty("filename").ValueKind));

        var (renamedStatus, renamed) = await PatchAsync(alice, batchId, [(jobIds[0], "Intro tone"), (jobIds[2], "Outro tone")], timeout.Token);
        Assert.True(renamedStatus == HttpStatusCode.OK, renamed.ToString());
        Assert.Equal(2, renamed.GetProperty("updated").GetInt32());
        Assert.Empty(renamed.GetProperty("errors").EnumerateArray());
        var paused = await GetBatchAsync(alice, batchId, timeout.Token);
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        Assert.Equal(["Intro tone", null, "Outro tone"], paused.GetProperty("jobs").EnumerateArray().Select(job => job.GetProperty("filename").GetString()));

        // Another key sees no such batch, whichever way it sends the key.
        using var bobByHeader = fixture.Host.CreateClient();
        bobByHeader.DefaultRequestHeaders.Add("X-API-Key", JobHostFixture.BobKey);
        Assert.Equal(HttpStatusCode.NotFound, (await JobApi.GetAsync(bobByHeader, $"/batch/{batchId}", timeout.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PatchAsync(bob, batchId, [(jobIds[1], "Mine now")], timeout.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await JobApi.PostAsync(bob, $"/batch/{batchId}/start", JobApi.Json(new { }), timeout.Token)).Status);

        var (startStatus, started) = await JobApi.PostAsync(alice, $"/batch/{batchId}/start", JobApi.Json(new { }), timeout.Token);
        Assert.True(startStatus == HttpStatusCode.OK, started.ToString());
        Assert.Equal((batchId, 3, "processing"), (started.GetProperty("batch_id").GetString(), started.GetProperty("started_jobs").GetInt32(),
            started.GetProperty("status").GetString()));
        var (againStatus, again) = await JobApi.PostAsync(alice, $"/batch/{batchId}/start", JobApi.Json(new { }), timeout.Token);
        Assert.Equal(HttpStatusCode.Conflict, againStatus);
        Assert.Equal("batch_not_paused", JobApi.Error(again).Code);
        Assert.Equal(HttpStatusCode.Conflict, (await PatchAsync(alice, batchId, [(jobIds[1], "Too late")], timeout.Token)).Status);

        Assert.Equal("completed", (await WaitEndedAsync(alice, batchId, timeout.Token)).GetProperty("status").GetString());
        var names = new List<string?>();
        foreach (var jobId in jobIds)
        {
            names.Add(DownloadApi.Result(await DownloadApi.GetAsync(alice, jobId, timeout.Token)).GetProperty("filename").GetString());
        }

        Assert.Equal("Intro tone.mp3", names[0]);
        Assert.StartsWith("Episode_2", names[1], StringComparison.Ordinal);
        Assert.Equal("Outro tone.mp3", names[2]);
    }

    [Fact]
    public async Task CreateJob_FeedWithFilename_400NamingTheField()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var feed = await WriteFeedAsync(timeout.Token);

        var (status, body) = await JobApi.PostAsync(alice, "/jobs", JobApi.Json(new { url = feed.AbsoluteUri, filename = "One name" }), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("filename", JobApi.Error(body).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBatch_UnknownId_404()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var (status, body) = await JobApi.GetAsync(alice, "/batch/alice-0000000000000000ffffffffffffffff", timeout.Token);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("not_found", JobApi.Error(body).Code);
    }

    private static async Task<JsonElement> CreatePausedAsync(HttpClient client, Uri feed, CancellationToken cancellationToken)
    {
        var (status, created) = await JobApi.PostAsync(client, "/jobs", JobApi.Json(new { url = feed.AbsoluteUri, audio_only = true, format = "mp3", paused = true }),
            cancellationToken);
        Assert.True(status == HttpStatusCode.Accepted, created.ToString());
        return created;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PatchAsync(HttpClient client, string batchId, (string JobId, string FileName)[] renames,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri($"/batch/{batchId}/jobs", UriKind.Relative))
        {
            Content = JobApi.Json(new { renames = renames.Select(rename => new { job_id = rename.JobId, filename = rename.FileName }) }),
        };
        using var response = await client.SendAsync(request, cancellationToken);
        return (response.StatusCode, await ReadAsync(response, cancellationToken));
    }

    private static async Task<JsonElement> GetBatchAsync(HttpClient client, string batchId, CancellationToken cancellationToken)
    {
        var (status, batch) = await JobApi.GetAsync(client, $"/batch/{batchId}", cancellationToken);
        Assert.True(status == HttpStatusCode.OK, $"{status}: {batch}");
        return batch;
    }

    private static async Task<JsonElement> WaitEndedAsync(HttpClient client, string batchId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await GetBatchAsync(client, batchId, cancellationToken);
            if (batch.GetProperty("status").GetString() is "completed" or "finished" or "cancelled" or "failed")
            {
                return batch;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private Task<Uri> WriteFeedAsync(CancellationToken cancellationToken) => origin.WriteAsync("feed.xml", $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0">
          <channel>
            <title>Test Tones Weekly</title>
            <description>A show about sine waves.</description>
            <item>
              <title>{Titles[0]}</title>
              <description>The lowest tone.</description>
              <pubDate>Mon, 06 Jan 2025 08:00:00 GMT</pubDate>
              <enclosure url="{origin.EpisodeUrl(1)}" length="8000" type="audio/mpeg"/>
            </item>
            <item>
              <title>{Titles[1]}</title>
              <description>The middle tone.</description>
              <pubDate>Tue, 07 Jan 2025 09:30:00 +0100</pubDate>
              <enclosure url="{origin.EpisodeUrl(2)}" length="8000" type="audio/mpeg"/>
            </item>
            <item>
              <title>{Titles[2]}</title>
              <description>The highest tone.</description>
              <pubDate>Wed, 08 Jan 2025 10:00:00 GMT</pubDate>
              <enclosure url="{origin.EpisodeUrl(3)}" length="8000" type="audio/mpeg"/>
            </item>
          </channel>
        </rss>
        """, cancellationToken);
}
