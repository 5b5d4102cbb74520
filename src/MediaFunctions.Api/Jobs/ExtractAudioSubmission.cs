using MediaFunctions.Api.Errors;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.ExtractAudio;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Uploads;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Api.Jobs;

/// <summary>
/// Starts an extract-audio job from a request in either form, for every dialect: a multipart form
/// with the file (streamed into storage as it arrives) or a JSON body naming a URL. A request that
/// is refused leaves nothing staged behind.
/// </summary>
public static class ExtractAudioSubmission
{
    /// <summary>The name of the file part (ApyHub's); the native API also takes <see cref="AlternateFileField"/>.</summary>
    public const string FileField = "video";

    public const string AlternateFileField = "file";

    /// <summary>The largest JSON body accepted.</summary>
    public const long MaxJsonBytes = 64 * 1024;

    /// <summary>What a form may add to the file's own bytes: boundaries, part headers and fields.</summary>
    public const long MaxFormOverheadBytes = 64 * 1024;

    private static readonly string[] FileFields = [FileField, AlternateFileField];

    /// <summary>Starts the job a multipart form describes.</summary>
    /// <param name="allowSeveralFormats">Whether <c>output_format</c> may name several formats.</param>
    /// <param name="persistentQuery">The <c>persistent</c> query parameter, if given; a form field of that name also counts.</param>
    public static async Task<JobView> StartFromFormAsync(
        HttpRequest request, string keyId, JobAcceptance jobs, JobFiles files, bool allowSeveralFormats, string? persistentQuery,
        CancellationToken cancellationToken)
    {
        // Checked before the body is read: a bad query string costs the client no upload.
        var persistentByQuery = !string.IsNullOrEmpty(persistentQuery) && ExtractAudioFields.ParseBoolean(ExtractAudioFields.Persistent, persistentQuery);
        var jobId = jobs.NewJobId(keyId);
        ExtractAudioRequest extract;
        MultipartUpload upload;
        bool persistent;
        Uri? webhookUrl;
        try
        {
            upload = await MultipartUploadReader.ReadAsync(request.ContentType, request.Body, FileFields,
                (content, token) => files.StageUploadAsync(keyId, jobId, content, token), cancellationToken);
            if (upload.Staged is null)
            {
                throw new InvalidJobInputException("missing_file", $"The form has no '{FileField}' part: upload the media file as '{FileField}'.");
            }

            extract = upload.Fields.ToRequest(allowSeveralFormats);
            persistent = persistentByQuery || (upload.Fields.ReadPersistent() ?? false);
            webhookUrl = upload.Fields.ReadWebhookUrl();
        }
        catch
        {
            // Whatever was staged before the form turned out bad goes; JobAcceptance does the same for what it refuses.
            await files.DeleteAllAsync(keyId, jobId, CancellationToken.None);
            throw;
        }

        return await jobs.StartExtractAudioAsync(keyId, jobId, upload.Staged, extract, persistent, upload.FileName, Webhook(request, webhookUrl),
            cancellationToken);
    }

    /// <summary>Starts the job a JSON body describes: media reachable by URL, or a completed upload session (which the job takes).</summary>
    public static async Task<JobView> StartFromJsonAsync(HttpRequest request, string keyId, JobAcceptance jobs, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // The route admits uploads; a JSON body is parsed whole, so it gets a small limit of its own.
            limit.MaxRequestBodySize = MaxJsonBytes;
        }

        var body = await request.ReadFromJsonAsync<ExtractAudioJobBody>(cancellationToken)
            ?? throw ApiException.BadRequest("The request body is empty; send a JSON object such as {\"source\":{\"url\":\"https://…\"}}.");
        var extract = body.ToRequest();
        var webhookUrl = string.IsNullOrWhiteSpace(body.WebhookUrl) ? null : JobWebhook.ParseUrl(body.WebhookUrl);
        var webhook = Webhook(request, webhookUrl);
        var jobId = jobs.NewJobId(keyId);
        if (body.Source!.Upload is not { Length: > 0 } uploadId)
        {
            return await jobs.StartExtractAudioAsync(keyId, jobId, new JobSource(null, body.Source.Url), extract, body.Persistent ?? false, fileName: null,
                webhook, cancellationToken);
        }

        var uploads = request.HttpContext.RequestServices.GetRequiredService<UploadSessions>();
        var upload = await uploads.TakeAsync(keyId, uploadId, jobId, cancellationToken);
        try
        {
            return await jobs.StartExtractAudioAsync(keyId, jobId, JobSource.Staged(upload.BlobName), extract, body.Persistent ?? false, upload.Name,
                webhook, cancellationToken);
        }
        catch
        {
            await uploads.ReleaseAsync(keyId, uploadId, jobId, CancellationToken.None);
            throw;
        }
    }

    private static JobWebhook? Webhook(HttpRequest request, Uri? url) =>
        url is null ? null : new JobWebhook(url.AbsoluteUri, FileLinks.ApiBaseUrl(request).AbsoluteUri);
}
