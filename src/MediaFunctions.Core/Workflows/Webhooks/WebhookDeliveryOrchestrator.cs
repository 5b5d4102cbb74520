using MediaFunctions.Core.Webhooks;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Webhooks;

/// <summary>
/// Delivers one webhook: POSTs it until the receiver answers 2xx, waiting on durable timers between
/// attempts (<see cref="WebhookDelivery.FirstRetryInterval"/>, then twice as long each time), and gives
/// up after <see cref="WebhookDelivery.MaxAttempts"/> or at once when the address is refused. It never
/// fails: a receiver that is down is the receiver's problem, told in the log and in this instance's output.
/// Its own instance, so a long retry leaves the sender's history alone; any workflow can start it.
/// </summary>
public sealed class WebhookDeliveryOrchestrator : Orchestrator<WebhookDelivery, WebhookDeliveryResult>
{
    public override async Task<WebhookDeliveryResult> RunAsync(IOrchestrationContext context, WebhookDelivery delivery)
    {
        var schedule = new RetryPolicy(delivery.MaxAttempts, delivery.FirstRetryInterval, backoffCoefficient: 2, WebhookOptions.MaxRetryInterval);
        for (var attempt = 1; ; attempt++)
        {
            WebhookAttemptResult result;
            try
            {
                result = await context.CallActivityAsync<WebhookAttemptResult>(nameof(SendWebhookActivity), new WebhookAttempt(delivery, attempt));
            }
            catch (TaskFailedException failure)
            {
                // The sender itself failed (its secret could not be read): as good as a receiver that did not answer.
                result = new WebhookAttemptResult(false, null, failure.FailureDetails.ErrorMessage);
            }

            if (result.Delivered || !result.Retryable || attempt >= delivery.MaxAttempts)
            {
                return new WebhookDeliveryResult(result.Delivered, attempt, result.Status, result.Error);
            }

            await context.CreateTimer(context.CurrentUtcDateTime + schedule.DelayBefore(attempt + 1));
        }
    }
}
