using MediaFunctions.Api.Auth;
using MediaFunctions.Core.Jobs;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.Jobs;

/// <summary>Starts a download job from its JSON body, for the video-download dialect and the native API alike.</summary>
public static class DownloadSubmission
{
    /// <exception cref="InvalidJobInputException">A field cannot be read or used; the message names each.</exception>
    public static async Task<JobView> StartAsync(DownloadJobBody body, HttpContext context, JobAcceptance jobs, CancellationToken cancellationToken)
    {
        var request = body.ToRequest();
        var webhook = string.IsNullOrWhiteSpace(body.WebhookUrl)
            ? null
            : new JobWebhook(JobWebhook.ParseUrl(body.WebhookUrl).AbsoluteUri, FileLinks.ApiBaseUrl(context.Request).AbsoluteUri);
        if (request.ProgressWebhooks && webhook is null)
        {
            throw InvalidJobInputException.InvalidFields([new("progress_webhooks", "progress_webhooks needs webhook_url: the address the stages are POSTed to.")]);
        }

        var keyId = context.GetApiKey().Id;
        return await jobs.StartDownloadAsync(keyId, jobs.NewJobId(keyId), body.Url!.Trim(), request, body.Persistent ?? false, webhook, body.Storage,
            cancellationToken);
    }
}
