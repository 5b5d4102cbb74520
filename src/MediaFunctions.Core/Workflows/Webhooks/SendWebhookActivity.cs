using MediaFunctions.Core.Telemetry;
using MediaFunctions.Core.Webhooks;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Logging;

namespace MediaFunctions.Core.Workflows.Webhooks;

/// <summary>The input of <see cref="SendWebhookActivity"/>: the delivery and which attempt this is (1 for the first).</summary>
public sealed record WebhookAttempt(WebhookDelivery Delivery, int Number);

/// <summary>
/// One attempt of a webhook delivery. The delivery's instance id is its id (the same on every
/// attempt). Logs each failure, and the giving up after the last; the URL is logged by host only,
/// as its path or query may hold the receiver's own token.
/// </summary>
public sealed class SendWebhookActivity(WebhookSender sender, IOrchestrationClient orchestrations, MediaFunctionsMetrics metrics, ILogger<SendWebhookActivity> logger)
    : Activity<WebhookAttempt, WebhookAttemptResult>
{
    /// <summary>How long the first attempt waits for the sender's orchestration to end before it sends anyway.</summary>
    public static readonly TimeSpan SenderWaitLimit = TimeSpan.FromSeconds(30);

    public override async Task<WebhookAttemptResult> RunAsync(ActivityContext context, WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        var delivery = attempt.Delivery;
        if (attempt.Number == 1 && delivery.SenderInstanceId is { } senderId)
        {
            await WaitForSenderAsync(senderId, cancellationToken);
        }

        var result = await sender.SendAsync(delivery.Url, delivery.KeyId, delivery.Event, context.InstanceId, delivery.Payload, cancellationToken, delivery.ContentType);
        metrics.WebhookAttempted(result.Delivered, attempt.Number);
        if (!result.Delivered)
        {
            var host = new Uri(delivery.Url).Host;
            Logs.WebhookAttemptFailed(logger, context.InstanceId, host, attempt.Number, delivery.MaxAttempts, result.Error);
            if (!result.Retryable || attempt.Number >= delivery.MaxAttempts)
            {
                Logs.WebhookGivenUp(logger, context.InstanceId, host, attempt.Number);
            }
        }

        return result;
    }

    private async Task WaitForSenderAsync(string senderId, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(SenderWaitLimit);
        try
        {
            await orchestrations.WaitForInstanceCompletionAsync(senderId, cancellationToken: limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Still running after the limit (a slow store): the receiver is told now rather than never.
        }
        catch (ArgumentException)
        {
            // Already gone (deleted): there is nothing to wait for.
        }
    }
}
