using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Host.Tests.Jobs;

/// <summary>
/// The ApyHub dialect end to end: an ApyHub client's requests, with only the base URL changed,
/// produce real audio files through the real host, Azurite and ffmpeg.
/// </summary>
[Collection(JobCollection.Name)]
public sealed class ApyHubExtractAudioTests(JobHostFixture fixture)
{
    private const double Tolerance = 0.05;

    [Theory]
    [InlineData("mp3", "mp3", "mp3")]
    [InlineData("wav", "wav", "pcm_s16le")]
    [InlineData("aac", "aac", "aac")]
    [InlineData("ogg", "ogg", "vorbis")]
    [InlineData("flac", "flac", "flac")]
    [InlineData("wma", "asf", "wmav2")]
    [InlineData("ac3", "ac3", "ac3")]
    [InlineData("amr", "amr", "amr_nb")]
    public async Task Submit_EachFormat_DownloadsAsThatCodecAndContainerWithTheRequestedDuration(string format, string container, string codec)
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var jobId = await JobApi.SubmitApyHubAsync(alice,
            JobApi.Form(fixture.Media.Mp4, ("start_time", "1"), ("duration", "2.5"), ("output_format", format)), timeout.Token);
        var status = await JobApi.WaitForApyHubAsync(alice, jobId, timeout.Token);

        Assert.True(status.GetProperty("status").GetString() == "completed", status.ToString());
        Assert.Equal(jobId, status.GetProperty("job_id").GetString());
        Assert.Equal(100, status.GetProperty("progress").GetInt32());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("error").ValueKind);
        var result = status.GetProperty("result");
        Assert.Equal(format, result.GetProperty("format").GetString());
        Assert.True(result.GetProperty("expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(14));
        var file = await JobApi.DownloadAsync(result.GetProperty("url").GetString()!, fixture.Media.NewOutputFolder(), timeout.Token);
        Assert.Equal(new FileInfo(file).Length, result.GetProperty("size").GetInt64());
        Assert.EndsWith("." + format, file, StringComparison.Ordinal);
        var probe = await JobApi.ProbeAsync(file, cancellationToken: timeout.Token);
        Assert.Contains(container, probe.FormatNames);
        Assert.Equal(codec, Assert.Single(probe.Streams).CodecName);
        var decoded = await DecodedAudio.MeasureAsync(file, timeout.Token);
        Assert.InRange(decoded.DurationSeconds, 2.5 - Tolerance, 2.5 + Tolerance);
        Assert.InRange(result.GetProperty("duration").GetDouble(), 2.5 - Tolerance, 2.5 + Tolerance);
        // The cut starts at 1 s, so the tone (from 1.5 s in the video) starts 0.5 s into the file.
        Assert.InRange(decoded.ToneOnsetSeconds, 0.5 - Tolerance, 0.5 + Tolerance);
        Assert.Empty(await JobApi.BlobsAsync(fixture.Blobs, "inputs", $"alice/{jobId}/", timeout.Token));
    }

    [Fact]
    public async Task Submit_OnlyTheFile_TwoSecondsFromTheStartAsMp3()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var jobId = await JobApi.SubmitApyHubAsync(alice, JobApi.Form(fixture.Media.Mkv), timeout.Token);
        var status = await JobApi.WaitForApyHubAsync(alice, jobId, timeout.Token);

        var result = status.GetProperty("result");
        Assert.Equal("mp3", result.GetProperty("format").GetString());
        var file = await JobApi.DownloadAsync(result.GetProperty("url").GetString()!, fixture.Media.NewOutputFolder(), timeout.Token);
        Assert.Equal("mp3", Assert.Single((await JobApi.ProbeAsync(file, cancellationToken: timeout.Token)).Streams).CodecName);
        var decoded = await DecodedAudio.MeasureAsync(file, timeout.Token);
        Assert.InRange(decoded.DurationSeconds, 2 - Tolerance, 2 + Tolerance);
        Assert.InRange(decoded.ToneOnsetSeconds, GeneratedMedia.ToneStartSeconds - Tolerance, GeneratedMedia.ToneStartSeconds + Tolerance);
    }

    [Theory]
    [InlineData("mp4", "aac")] // its audio is split off while it uploads, and the job reads only that
    [InlineData("mp4-index-at-end", "aac")] // cannot be split on the way: the job reads the upload itself
    [InlineData("webm", "mp3")]
    public async Task Submit_ClipOfEachKindOfUpload_ExactLengthWithTheToneOnTime(string container, string format)
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var form = JobApi.Form(fixture.Media.Videos[container], ("start_time", "1"), ("duration", "3"), ("output_format", format));
        var status = await JobApi.WaitForApyHubAsync(alice, await JobApi.SubmitApyHubAsync(alice, form, timeout.Token), timeout.Token);

        var file = await JobApi.DownloadAsync(status.GetProperty("result").GetProperty("url").GetString()!, fixture.Media.NewOutputFolder(), timeout.Token);
        var decoded = await DecodedAudio.MeasureAsync(file, timeout.Token);
        Assert.InRange(decoded.DurationSeconds, 3 - Tolerance, 3 + Tolerance);
        Assert.InRange(decoded.ToneOnsetSeconds, GeneratedMedia.ToneStartSeconds - 1 - Tolerance, GeneratedMedia.ToneStartSeconds - 1 + Tolerance);
    }

    [Theory]
    [InlineData(null, GeneratedMedia.LengthSeconds)]
    [InlineData("3", GeneratedMedia.LengthSeconds - 3)]
    public async Task Submit_FullAudio_EverythingFromStartTimeToTheEndWhateverTheDuration(string? startTime, double expectedSeconds)
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        List<(string, string)> fields = [("full_audio", "true"), ("duration", "1"), ("output_format", "wav")];
        if (startTime is not null)
        {
            fields.Add(("start_time", startTime));
        }

        // Fields after the file: the form is read in whatever order it comes.
        var jobId = await JobApi.SubmitApyHubAsync(alice, JobApi.Form(fixture.Media.Webm, "video", fileFirst: false, [.. fields]), timeout.Token);
        var status = await JobApi.WaitForApyHubAsync(alice, jobId, timeout.Token);

        var file = await JobApi.DownloadAsync(status.GetProperty("result").GetProperty("url").GetString()!, fixture.Media.NewOutputFolder(), timeout.Token);
        var decoded = await DecodedAudio.MeasureAsync(file, timeout.Token);
        Assert.InRange(decoded.DurationSeconds, expectedSeconds - Tolerance, expectedSeconds + Tolerance);
    }

    [Theory]
    [InlineData("apy-token")]
    [InlineData("basic")]
    [InlineData("bearer")]
    [InlineData("query")]
    public async Task Submit_EachKeyForm_Accepted(string form)
    {
        using var timeout = JobApi.Timeout();
        using var client = fixture.Host.CreateClient();
        var query = "";
        switch (form)
        {
            case "apy-token":
                client.DefaultRequestHeaders.Add("apy-token", JobHostFixture.AliceKey);
                break;
            case "basic":
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:" + JobHostFixture.AliceKey)));
                break;
            case "bearer":
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JobHostFixture.AliceKey);
                break;
            default:
                query = "?bearer_token=" + JobHostFixture.AliceKey;
                break;
        }

        var jobId = await JobApi.SubmitApyHubAsync(client, JobApi.Form(fixture.Media.Mp4), timeout.Token, query);
        var (status, body) = await JobApi.GetAsync(client, $"/job/status/{jobId}{query}", timeout.Token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(jobId, body.GetProperty("job_id").GetString());
        Assert.StartsWith("alice-", jobId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "An API key is required")]
    [InlineData("not-a-key", "is not valid")]
    public async Task Submit_WithoutAValidKey_401Envelope(string? key, string message)
    {
        using var timeout = JobApi.Timeout();
        using var client = fixture.Host.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("apy-token", key);
        }

        var (status, body) = await JobApi.PostAsync(client, JobApi.ApyHubSubmit, JobApi.Form(fixture.Media.Mp4), timeout.Token);
        var (statusCheck, statusBody) = await JobApi.GetAsync(client, "/job/status/alice-0", timeout.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("unauthorized", JobApi.Error(body).Code);
        Assert.Contains(message, JobApi.Error(body).Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, statusCheck);
        Assert.Equal("unauthorized", JobApi.Error(statusBody).Code);
    }

    [Fact]
    public async Task Status_AnotherKeysJob_404()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        using var bob = fixture.ClientFor(JobHostFixture.BobKey);
        var jobId = await JobApi.SubmitApyHubAsync(alice, JobApi.Form(fixture.Media.Mp4), timeout.Token);

        var (status, body) = await JobApi.GetAsync(bob, $"/job/status/{jobId}", timeout.Token);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("not_found", JobApi.Error(body).Code);
        await JobApi.WaitForApyHubAsync(alice, jobId, timeout.Token);
    }

    [Fact]
    public async Task Submit_Persistent_ResultIsAStableLinkWithoutExpiry()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var jobId = await JobApi.SubmitApyHubAsync(alice, JobApi.Form(fixture.Media.Mp4, ("output_format", "flac")), timeout.Token, "?persistent=true");
        var result = (await JobApi.WaitForApyHubAsync(alice, jobId, timeout.Token)).GetProperty("result");

        Assert.Equal(JsonValueKind.Null, result.GetProperty("expires_at").ValueKind);
        var url = result.GetProperty("url").GetString()!;
        Assert.StartsWith($"{fixture.Host.BaseAddress.AbsoluteUri}api/files/", url, StringComparison.Ordinal);
        var file = await JobApi.DownloadAsync(url, fixture.Media.NewOutputFolder(), timeout.Token);
        Assert.Equal("flac", Assert.Single((await JobApi.ProbeAsync(file, cancellationToken: timeout.Token)).Streams).CodecName);
        Assert.Equal(new FileInfo(file).Length, result.GetProperty("size").GetInt64());
    }
}
