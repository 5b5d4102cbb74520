using MediaFunctions.Core.Webhooks;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Workflows.Webhooks;

/// <summary>
/// Starts a <see cref="WebhookDeliveryOrchestrator"/> with the configured retry schedule, as an
/// orchestration of its own, so the workflow that sends it can finish now and a receiver that is
/// down never holds it up. Idempotent: the caller names the instance, and an activity run twice
/// schedules it once.
/// </summary>
public sealed class WebhookDeliveryScheduler(IOrchestrationClient orchestrations, IOptions<WebhookOptions> options)
{
    /// <param name="instanceId">The delivery's id, e.g. <see cref="WebhookDelivery.InstanceIdFor"/> of what it tells about.</param>
    /// <param name="senderInstanceId">The orchestration the payload describes, if it is still running; see <see cref="WebhookDelivery.SenderInstanceId"/>.</param>
    /// <param name="contentType">The payload's media type (<see cref="WebhookDelivery.ContentType"/>).</param>
    public async Task ScheduleAsync(string instanceId, string url, string keyId, string eventName, string payload, string? senderInstanceId,
        CancellationToken cancellationToken = default, string contentType = WebhookDelivery.JsonContentType)
    {
        var delivery = new WebhookDelivery(url, keyId, eventName, payload, options.Value.MaxAttempts, options.Value.FirstRetryInterval, senderInstanceId,
            contentType);
        try
        {
            await orchestrations.ScheduleNewOrchestrationInstanceAsync(nameof(WebhookDeliveryOrchestrator), delivery,
                new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (InstanceExistsException)
        {
            // A retried activity scheduled it already.
        }
    }
}
