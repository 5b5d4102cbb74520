using System.Net.Http.Headers;
using System.Text;
using MediaFunctions.Api.Errors;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Api.Tests.Jobs;

public sealed class MultipartUploadReaderTests
{
    private static readonly string[] FileFields = ["video", "file"];

    /// <summary>Records what the reader hands to the stager, and when.</summary>
    private sealed class RecordingStager
    {
        public List<byte[]> Staged { get; } = [];

        public int FieldsSeenBeforeStaging { get; private set; } = -1;

        public Func<Stream, CancellationToken, Task<JobSource>> StageAsync(Func<int>? fieldsSoFar = null) => async (content, token) =>
        {
            FieldsSeenBeforeStaging = fieldsSoFar?.Invoke() ?? -1;
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, token);
            Staged.Add(copy.ToArray());
            return JobSource.Staged($"staged-{Staged.Count}");
        };
    }

    private static async Task<(string ContentType, Stream Body)> BodyAsync(HttpContent content) =>
        (content.Headers.ContentType!.ToString(), new MemoryStream(await content.ReadAsByteArrayAsync()));

    private static MultipartFormDataContent Form(bool fileFirst, string fileField = "video", params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent([1, 2, 3, 4, 5]);
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        if (fileFirst)
        {
            form.Add(file, fileField, "clip one.mp4");
        }

        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        if (!fileFirst)
        {
            form.Add(file, fileField, "clip one.mp4");
        }

        return form;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAsync_FieldsBeforeOrAfterTheFile_StagesTheFileAndKeepsTheFields(bool fileFirst)
    {
        using var form = Form(fileFirst, "video", ("start_time", "1.5"), ("output_format", "wav"), ("output_format", "flac,ogg"));
        var (contentType, body) = await BodyAsync(form);
        var stager = new RecordingStager();

        var upload = await MultipartUploadReader.ReadAsync(contentType, body, FileFields, stager.StageAsync());

        Assert.Equal("staged-1", upload.Staged?.InputBlob);
        Assert.Equal("clip one.mp4", upload.FileName);
        Assert.Equal([1, 2, 3, 4, 5], Assert.Single(stager.Staged));
        var request = upload.Fields.ToRequest(allowSeveralFormats: true);
        Assert.Equal(1.5, request.StartSeconds);
        Assert.Equal([Core.Media.Audio.AudioFormat.Wav, Core.Media.Audio.AudioFormat.Flac, Core.Media.Audio.AudioFormat.Ogg], request.Formats);
    }

    [Fact]
    public async Task ReadAsync_FileWithoutAFileName_IsStillTheFile()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent([9, 9]), "file" } };
        var (contentType, body) = await BodyAsync(form);
        var stager = new RecordingStager();

        var upload = await MultipartUploadReader.ReadAsync(contentType, body, FileFields, stager.StageAsync());

        Assert.Equal("staged-1", upload.Staged?.InputBlob);
        Assert.Null(upload.FileName);
        Assert.Equal([9, 9], Assert.Single(stager.Staged));
    }

    [Fact]
    public async Task ReadAsync_NoFile_ReturnsTheFieldsAndNoBlob()
    {
        using var form = new MultipartFormDataContent { { new StringContent("mp3"), "output_format" } };
        var (contentType, body) = await BodyAsync(form);

        var upload = await MultipartUploadReader.ReadAsync(contentType, body, FileFields, new RecordingStager().StageAsync());

        Assert.Null(upload.Staged);
    }

    [Fact]
    public async Task ReadAsync_TwoFiles_400()
    {
        using var form = Form(fileFirst: true);
        form.Add(new ByteArrayContent([7]), "video", "second.mp4");
        var (contentType, body) = await BodyAsync(form);

        var refused = await Assert.ThrowsAsync<ApiException>(() => MultipartUploadReader.ReadAsync(contentType, body, FileFields, new RecordingStager().StageAsync()));

        Assert.Equal(400, refused.StatusCode);
        Assert.Contains("one file", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_FileInAnotherField_400NamingTheFileField()
    {
        using var form = Form(fileFirst: true, fileField: "attachment");
        var (contentType, body) = await BodyAsync(form);
        var stager = new RecordingStager();

        var refused = await Assert.ThrowsAsync<ApiException>(() => MultipartUploadReader.ReadAsync(contentType, body, FileFields, stager.StageAsync()));

        Assert.Equal(400, refused.StatusCode);
        Assert.Contains("'attachment'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'video'", refused.Message, StringComparison.Ordinal);
        Assert.Empty(stager.Staged);
    }

    [Fact]
    public async Task ReadAsync_OversizedField_400()
    {
        using var form = Form(fileFirst: false, "video", ("start_time", new string('1', MultipartUploadReader.MaxFieldLength + 1)));
        var (contentType, body) = await BodyAsync(form);

        var refused = await Assert.ThrowsAsync<ApiException>(() => MultipartUploadReader.ReadAsync(contentType, body, FileFields, new RecordingStager().StageAsync()));

        Assert.Contains("'start_time' is longer than", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_BodyCutOff_400Malformed()
    {
        using var form = Form(fileFirst: false, "video", ("start_time", "1"));
        var (contentType, body) = await BodyAsync(form);
        var cut = new MemoryStream(((MemoryStream)body).ToArray()[..^20]);

        var refused = await Assert.ThrowsAsync<ApiException>(() => MultipartUploadReader.ReadAsync(contentType, cut, FileFields, new RecordingStager().StageAsync()));

        Assert.Equal(400, refused.StatusCode);
        Assert.Contains("malformed or incomplete", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task ReadAsync_NotAMultipartForm_415(string? contentType)
    {
        var refused = await Assert.ThrowsAsync<ApiException>(() =>
            MultipartUploadReader.ReadAsync(contentType, new MemoryStream(Encoding.UTF8.GetBytes("{}")), FileFields, new RecordingStager().StageAsync()));

        Assert.Equal(415, refused.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_NoBoundary_400()
    {
        var refused = await Assert.ThrowsAsync<ApiException>(() =>
            MultipartUploadReader.ReadAsync("multipart/form-data", new MemoryStream(), FileFields, new RecordingStager().StageAsync()));

        Assert.Equal(400, refused.StatusCode);
        Assert.Contains("boundary", refused.Message, StringComparison.Ordinal);
    }
}
