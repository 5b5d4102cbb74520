using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace MediaFunctions.Host.Tests.Jobs;

/// <summary>
/// Every kind of bad request is refused with its status, a stable code and a message that says
/// what is wrong, never a 500; and a refused request leaves no job and no staged file behind.
/// </summary>
[Collection(JobCollection.Name)]
public sealed class JobInputErrorTests(JobHostFixture fixture)
{
    private const string ApyHub = JobApi.ApyHubSubmit;
    private const string Native = "/api/jobs/extract-audio";

    public static TheoryData<string> Cases => [.. CaseNames];

    private static readonly string[] CaseNames =
    [
        "no file", "empty file", "text file named .mp4", "truncated mp4", "video without audio", "negative start_time",
        "non-numeric start_time", "start past the end", "unknown format", "zero duration", "non-numeric duration", "full_audio not a boolean",
        "persistent not a boolean", "two formats on ApyHub", "json to ApyHub", "upload over the cap", "upload far over the cap", "file in another field",
        "native: unknown format among several", "native: file:// url", "native: json without source", "native: malformed json",
        "native: plain text",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Submit_BadRequest_RefusedWithStatusCodeAndMessageLeavingNothingBehind(string name)
    {
        using var timeout = JobApi.Timeout();
        using var carol = fixture.ClientFor(JobHostFixture.CarolKey);
        var media = fixture.Media;
        var folder = media.NewOutputFolder();
        (string path, HttpContent content, HttpStatusCode expectedStatus, string expectedCode, string messagePart) = name switch
        {
            "no file" => (ApyHub, JobApi.Form(null, ("output_format", "mp3")), HttpStatusCode.BadRequest, "missing_file", "'video'"),
            "empty file" => (ApyHub, JobApi.Form(Write(folder, "empty.mp4", [])), HttpStatusCode.BadRequest, "empty_file", "empty"),
            "text file named .mp4" => (ApyHub, JobApi.Form(Copy(media.TextFile, folder, "notes.mp4")), HttpStatusCode.BadRequest, "invalid_media",
                "not a media file"),
            "truncated mp4" => (ApyHub, JobApi.Form(media.TruncatedMp4), HttpStatusCode.BadRequest, "invalid_media", "not a media file"),
            "video without audio" => (ApyHub, JobApi.Form(media.VideoOnly), HttpStatusCode.BadRequest, "no_audio_stream", "no audio"),
            "negative start_time" => (ApyHub, JobApi.Form(media.Mp4, ("start_time", "-1")), HttpStatusCode.BadRequest, "invalid_field", "start_time"),
            "non-numeric start_time" => (ApyHub, JobApi.Form(media.Mp4, ("start_time", "ninety")), HttpStatusCode.BadRequest, "invalid_field",
                "start_time must be a number of seconds"),
            "start past the end" => (ApyHub, JobApi.Form(media.Mp4, ("start_time", "10")), HttpStatusCode.BadRequest, "start_past_end", "start_time"),
            "unknown format" => (ApyHub, JobApi.Form(media.Mp4, ("output_format", "mp5")), HttpStatusCode.BadRequest, "invalid_field",
                "output_format 'mp5' is not one of: mp3, wav, aac, ogg, flac, wma, ac3, amr"),
            "zero duration" => (ApyHub, JobApi.Form(media.Mp4, ("duration", "0")), HttpStatusCode.BadRequest, "invalid_field", "duration"),
            "non-numeric duration" => (ApyHub, JobApi.Form(media.Mp4, "video", fileFirst: true, ("duration", "2s")), HttpStatusCode.BadRequest,
                "invalid_field", "duration must be a number of seconds"),
            "full_audio not a boolean" => (ApyHub, JobApi.Form(media.Mp4, ("full_audio", "yes please")), HttpStatusCode.BadRequest, "invalid_field",
                "full_audio must be true or false"),
            "persistent not a boolean" => (ApyHub + "?persistent=maybe", JobApi.Form(media.Mp4), HttpStatusCode.BadRequest, "invalid_field",
                "persistent must be true or false"),
            "two formats on ApyHub" => (ApyHub, JobApi.Form(media.Mp4, ("output_format", "mp3,wav")), HttpStatusCode.BadRequest, "invalid_field",
                "output_format takes one format"),
            "json to ApyHub" => (ApyHub, JsonContent.Create(new { output_format = "mp3" }), HttpStatusCode.UnsupportedMediaType,
                "unsupported_media_type", "multipart/form-data"),
            "upload over the cap" => (ApyHub, JobApi.Form(Write(folder, "big.mp4", new byte[JobHostFixture.MaxUploadBytes + 1])),
                HttpStatusCode.RequestEntityTooLarge, "payload_too_large", "larger than"),
            "upload far over the cap" => (ApyHub, JobApi.Form(Write(folder, "huge.mp4", new byte[JobHostFixture.MaxUploadBytes + (1024 * 1024)])),
                HttpStatusCode.RequestEntityTooLarge, "payload_too_large", "larger than"),
            "file in another field" => (ApyHub, JobApi.Form(media.Mp4, "movie", fileFirst: true), HttpStatusCode.BadRequest, "bad_request", "'video'"),
            "native: unknown format among several" => (Native, JobApi.Form(media.Mp4, ("output_format", "mp3,wave,flac")), HttpStatusCode.BadRequest,
                "invalid_field", "output_format 'wave'"),
            "native: file:// url" => (Native, JsonContent.Create(new { source = new { url = "file:///etc/passwd" } }), HttpStatusCode.BadRequest,
                "invalid_url", "http or https"),
            "native: json without source" => (Native, JsonContent.Create(new { output_format = new[] { "mp3" } }), HttpStatusCode.BadRequest,
                "invalid_field", "source.url is required"),
            "native: malformed json" => (Native, new StringContent("{\"source\": {\"url\": ", Encoding.UTF8, "application/json"),
                HttpStatusCode.BadRequest, "invalid_json", "not valid JSON"),
            "native: plain text" => (Native, new StringContent("https://example.com/a.mp4"), HttpStatusCode.UnsupportedMediaType,
                "unsupported_media_type", "multipart/form-data"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };

        HttpStatusCode status;
        System.Text.Json.JsonElement body;
        using (content)
        {
            (status, body) = await JobApi.PostAsync(carol, path, content, timeout.Token, expectContinue: true);
        }

        Assert.True(status == expectedStatus, $"{status}: {body}");
        var (code, message) = JobApi.Error(body);
        Assert.Equal(expectedCode, code);
        Assert.Contains(messagePart, message, StringComparison.Ordinal);
        Assert.Empty(await JobApi.BlobsAsync(fixture.Blobs, "inputs", "carol/", timeout.Token));
        var (_, jobs) = await JobApi.GetAsync(carol, "/api/jobs", timeout.Token);
        Assert.Equal(0, jobs.GetArrayLength());
    }

    private static string Write(string folder, string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Copy(string source, string folder, string name)
    {
        var path = Path.Combine(folder, name);
        File.Copy(source, path);
        return path;
    }
}
