using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Jobs;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.VideoDownload;

/// <summary>
/// Creates the batch of a <c>POST /jobs</c> whose URL is a playlist, a show (podcast feed) or an M3U list, from the
/// same body a single job takes: <c>webhook_url</c> is the batch's end, and with <c>progress_webhooks</c> each item's
/// own webhooks go there too.
/// </summary>
public static class DownloadBatchSubmission
{
    /// <summary>The batch, or null when the URL is one item (the caller starts it as a single job).</summary>
    /// <exception cref="InvalidJobInputException">A field cannot be read or used (a <c>filename</c> on a batch among them).</exception>
    /// <exception cref="UnprocessableMediaException">The source holds too many items or none, or is a broken feed.</exception>
    public static async Task<BatchView?> CreateAsync(DownloadJobBody body, HttpContext context, MediaBatches batches, CancellationToken cancellationToken)
    {
        var download = body.ToRequest();
        var webhook = string.IsNullOrWhiteSpace(body.WebhookUrl)
            ? null
            : new JobWebhook(JobWebhook.ParseUrl(body.WebhookUrl).AbsoluteUri, FileLinks.ApiBaseUrl(context.Request).AbsoluteUri);
        if (download.ProgressWebhooks && webhook is null)
        {
            throw InvalidJobInputException.InvalidFields([new("progress_webhooks", "progress_webhooks needs webhook_url: the address the stages are POSTed to.")]);
        }

        var request = new BatchRequest(JobKind.Download, Download: download, Persistent: body.Persistent ?? false, Paused: body.Paused ?? false,
            Webhook: webhook, ItemWebhooks: download.ProgressWebhooks, Storage: body.Storage);
        return await batches.CreateFromSourceAsync(context.GetApiKey().Id, body.Url!.Trim(), request, cancellationToken);
    }
}
