using MediaFunctions.Core.Productions;
using MediaFunctions.Core.Workflows.Webhooks;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Productions;

/// <summary>The input of <see cref="NotifyProductionEndedActivity"/>: how a run ended, and whom to tell.</summary>
public sealed record ProductionEnd(string KeyId, string Uuid, string InstanceId, string Webhook, int Status);

/// <summary>
/// Schedules the production's webhook as Auphonic sends it: a form POST of <c>uuid</c>, <c>status</c> and
/// <c>status_string</c>, delivered and retried by a <see cref="WebhookDeliveryOrchestrator"/> of its own. Idempotent: the
/// delivery's id is fixed by the run's.
/// </summary>
public sealed class NotifyProductionEndedActivity(WebhookDeliveryScheduler deliveries) : Activity<ProductionEnd, bool>
{
    /// <summary>The event header of a production's webhook.</summary>
    public const string EndedEvent = "production.ended";

    public override async Task<bool> RunAsync(ActivityContext context, ProductionEnd end, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["uuid"] = end.Uuid,
            ["status"] = end.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["status_string"] = ProductionStatus.Describe(end.Status),
        });
        var payload = await form.ReadAsStringAsync(cancellationToken);
        await deliveries.ScheduleAsync(WebhookDelivery.InstanceIdFor(end.InstanceId), end.Webhook, end.KeyId, EndedEvent, payload, end.InstanceId,
            cancellationToken, WebhookDelivery.FormContentType);
        return true;
    }
}
