using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MediaFunctions.Cli.Api;
using MediaFunctions.Cli.Display;
using MediaFunctions.Cli.Jobs;
using MediaFunctions.Cli.Results;
using MediaFunctions.Cli.Uploads;

namespace MediaFunctions.Cli.Commands;

/// <summary>
/// Extracts audio from a file or URL (<c>POST /api/jobs/extract-audio</c>), follows the job and saves its files.
/// A file goes as the multipart form the API takes, sent only once the server agrees to take it
/// (<c>Expect: 100-continue</c>); a file over the server's body cap (its 413, or over <see cref="SessionThresholdBytes"/>)
/// goes through an upload session, and the job names the upload.
/// </summary>
public sealed class ExtractCommand : ApiCommand<ExtractSettings>
{
    /// <summary>Files at least this large go through an upload session at once: the Azure front door's 100 MB request cap.</summary>
    public const long SessionThresholdBytes = 100L * 1000 * 1000;

    protected override Task<int> RunAsync(CommandSession session, ExtractSettings settings, CancellationToken cancellationToken) =>
        JobCompletion.RunAsync(session, settings.Folder, board => SubmitAsync(session, settings, board, cancellationToken), cancellationToken);

    private static async Task<string> SubmitAsync(CommandSession session, ExtractSettings settings, ProgressBoard board, CancellationToken cancellationToken)
    {
        if (settings.IsUrl)
        {
            return JobId(await session.Client.PostAsync("/api/jobs/extract-audio",
                () => JsonContent.Create(Body(settings, new { url = settings.Source })), session.Keys.Submit, cancellationToken));
        }

        var size = new FileInfo(settings.Source).Length;
        var line = board.Add($"upload {Path.GetFileName(settings.Source)} ({CommandOutcome.Size(size)})", size);
        if (!settings.UploadSession && size < SessionThresholdBytes)
        {
            try
            {
                var accepted = await session.Client.PostAsync("/api/jobs/extract-audio", () => Form(settings, read => line.Report(read, size)),
                    session.Keys.Submit, cancellationToken, expectContinue: true);
                line.Finish();
                return JobId(accepted);
            }
            catch (MediafnException e) when (e.Status == HttpStatusCode.RequestEntityTooLarge)
            {
                line.Report(0, size, $"upload {Path.GetFileName(settings.Source)} (over the server's cap: upload session)");
            }
        }

        var uploadId = await new UploadSessionUploader(session.Client, session.Keys).UploadAsync(settings.Source, line, cancellationToken);
        line.Finish();
        return JobId(await session.Client.PostAsync("/api/jobs/extract-audio",
            () => JsonContent.Create(Body(settings, new { upload = uploadId })), session.Keys.For("upload-job"), cancellationToken));
    }

    private static Dictionary<string, object> Body(ExtractSettings settings, object source)
    {
        var body = new Dictionary<string, object> { ["source"] = source, ["output_format"] = Formats(settings) };
        if (settings.Start is { } start)
        {
            body["start_time"] = start;
        }

        if (settings.Duration is { } duration)
        {
            body["duration"] = duration;
        }

        if (settings.Full)
        {
            body["full_audio"] = true;
        }

        if (settings.Persistent)
        {
            body["persistent"] = true;
        }

        return body;
    }

    private static MultipartFormDataContent Form(ExtractSettings settings, Action<long> onRead)
    {
        var form = new MultipartFormDataContent();
        void Field(string name, string value) => form.Add(new StringContent(value), name);
        foreach (var format in Formats(settings))
        {
            Field("output_format", format);
        }

        if (settings.Start is { } start)
        {
            Field("start_time", start.ToString(CultureInfo.InvariantCulture));
        }

        if (settings.Duration is { } duration)
        {
            Field("duration", duration.ToString(CultureInfo.InvariantCulture));
        }

        if (settings.Full)
        {
            Field("full_audio", "true");
        }

        if (settings.Persistent)
        {
            Field("persistent", "true");
        }

        var size = new FileInfo(settings.Source).Length;
        var file = new StreamContent(new FileRangeStream(settings.Source, 0, size, onRead), 1 << 16);
        file.Headers.ContentType = new MediaTypeHeaderValue(MediaContentTypes.For(settings.Source));
        form.Add(file, "video", Path.GetFileName(settings.Source));
        return form;
    }

    private static string[] Formats(ExtractSettings settings) => settings.Formats.Length > 0 ? settings.Formats : ["mp3"];

    private static string JobId(JsonElement accepted) =>
        (accepted.TryGetProperty("jobId", out var id) ? id : accepted.GetProperty("id")).GetString()!;
}
