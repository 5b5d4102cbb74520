using MediaFunctions.Testing.Media;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Host.Tests.Jobs;

/// <summary>Jobs whose media stays where it is, on a local web server that counts what it sends.</summary>
[Collection(JobCollection.Name)]
public sealed class UrlSourceJobTests(JobHostFixture fixture, OriginMedia origin) : IClassFixture<OriginMedia>
{
    private const double Tolerance = 0.05;

    [Fact]
    public async Task Create_ClipOfAUrlSource_ReadsOnlyTheBytesItNeeds()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var size = new FileInfo(origin.LongMp4Path).Length;
        origin.Server.ResetCounts();

        var file = await ExtractClipAsync(alice, origin.LongMp4Url, "mp3", 30, 2, timeout.Token);

        Assert.InRange((await DecodedAudio.MeasureAsync(file, timeout.Token)).DurationSeconds, 2 - Tolerance, 2 + Tolerance);
        // Probe and render together: the index, and the chunks around 0:30. ffmpeg reading the server itself
        // takes more than the whole file, as every seek abandons a response still in flight.
        Assert.True(origin.Server.BytesSent < size / 4, $"The server sent {origin.Server.BytesSent:N0} of the file's {size:N0} bytes.");
        Assert.All(origin.Server.Requests.Where(request => request.Method == "GET"), request => Assert.Matches(@"^bytes=\d+-\d+$", request.Range ?? ""));
    }

    [Fact]
    public async Task Download_ClipOfAnMp3Podcast_ReadsOneFrameOfItsHeadAndTheSpan()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        origin.Server.ResetCounts();

        var file = await DownloadAudioClipAsync(alice, origin.PodcastMp3Url, 30, 35, timeout.Token);

        Assert.InRange((await DecodedAudio.MeasureAsync(file, timeout.Token)).DurationSeconds, 5 - Tolerance, 5 + Tolerance);
        AssertHeadReadInTwoChunksAtMost(clipStartSeconds: 30);
    }

    [Fact]
    public async Task Extract_ClipOfAnMp3Podcast_ReadsOneFrameOfItsHead()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        origin.Server.ResetCounts();

        var file = await ExtractClipAsync(alice, origin.PodcastMp3Url, "wav", 30, 5, timeout.Token);

        Assert.InRange((await DecodedAudio.MeasureAsync(file, timeout.Token)).DurationSeconds, 5 - Tolerance, 5 + Tolerance);
        AssertHeadReadInTwoChunksAtMost(clipStartSeconds: 30);
    }

    [Fact]
    public async Task Download_ClipNearTheEndOfAnMp3WithoutFrameCount_ProbedInFull()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        // Its first frame alone puts it at well under half its length: a clip at 50 s would be refused as past the end.
        var file = await DownloadAudioClipAsync(alice, origin.UncountedMp3Url, 50, 52, timeout.Token);

        Assert.InRange((await DecodedAudio.MeasureAsync(file, timeout.Token)).DurationSeconds, 2 - Tolerance, 2 + Tolerance);
    }

    // Downloads the audio of a clip of a URL source through the video-download dialect: its file, downloaded.
    private async Task<string> DownloadAudioClipAsync(HttpClient client, Uri url, double start, double end, CancellationToken cancellationToken)
    {
        var job = await DownloadApi.RunAsync(client, new { url = url.AbsoluteUri, audio_only = true, clip_start = start, clip_end = end }, cancellationToken);
        return await JobApi.DownloadAsync(DownloadApi.Result(job).GetProperty("download_url").GetString()!, origin.NewOutputFolder(), cancellationToken);
    }

    // Extracts a clip of a URL source through the native API: the first output, downloaded.
    private async Task<string> ExtractClipAsync(HttpClient client, Uri url, string format, double start, double duration, CancellationToken cancellationToken)
    {
        var accepted = await JobApi.SubmitNativeAsync(client, JobApi.Json(new
        {
            source = new { url = url.AbsoluteUri },
            output_format = format,
            start_time = start,
            duration,
        }), cancellationToken);
        var job = await JobApi.WaitForJobAsync(client, accepted.GetProperty("jobId").GetString()!, cancellationToken);
        Assert.True(job.GetProperty("state").GetString() == "completed", job.ToString());
        return await JobApi.DownloadAsync(job.GetProperty("outputs")[0].GetProperty("url").GetString()!, fixture.Media.NewOutputFolder(), cancellationToken);
    }

    // Of the podcast (8,000 bytes a second), up to 5 s before the clip: the one-byte looks (a feed? a page?) and a relay chunk or two
    // of the head. ffprobe reading 50 frames for a timestamp, as it does by default, took four.
    private void AssertHeadReadInTwoChunksAtMost(double clipStartSeconds)
    {
        var head = origin.Server.Requests.Where(request => request.Method == "GET" && RangeStart(request.Range) < (clipStartSeconds - 5) * 8000).ToList();
        Assert.True(head.Where(request => request.BytesSent > 1).Sum(request => request.BytesSent) <= 2 * 4096,
            string.Join(", ", head.Select(request => $"{request.Range}: {request.BytesSent}")));
    }

    private static long RangeStart(string? range) =>
        range is null ? 0 : long.Parse(range["bytes=".Length..range.IndexOf('-', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
}
