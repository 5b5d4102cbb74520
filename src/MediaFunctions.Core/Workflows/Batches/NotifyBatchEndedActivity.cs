using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Workflows.Webhooks;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Batches;

/// <summary>What <see cref="NotifyBatchEndedActivity"/> tells: the batch, where to, and its summary.</summary>
public sealed record BatchEnd(string BatchId, string KeyId, JobWebhook Webhook, BatchSummary Summary);

/// <summary>
/// Schedules the delivery of a batch's end: the batch as <c>GET /api/batches/{id}</c> shows it, with every item
/// and each failure's error, signed like a job's webhook and retried by its own orchestration.
/// </summary>
public sealed class NotifyBatchEndedActivity(MediaBatches batches, IBatchViewSerializer serializer, WebhookDeliveryScheduler deliveries,
    TimeProvider timeProvider)
    : Activity<BatchEnd, bool>
{
    /// <summary>The event name of a batch's end, whether every item completed or not (the payload's state says which).</summary>
    public const string CompletedEvent = "batch.completed";

    public override async Task<bool> RunAsync(ActivityContext context, BatchEnd end, CancellationToken cancellationToken)
    {
        var batch = await batches.GetAsync(end.KeyId, end.BatchId, cancellationToken)
            ?? throw new InvalidOperationException($"Batch {end.BatchId} is gone; it has nobody to notify.");
        // Read while the orchestration is still running: the summary is how it is about to end.
        batch = batch with
        {
            State = end.Summary.Completed == end.Summary.Total ? BatchState.Completed : BatchState.Finished,
            UpdatedAt = timeProvider.GetUtcNow(),
            Zip = end.Summary.Zip,
        };
        await deliveries.ScheduleAsync(WebhookDelivery.InstanceIdFor(end.BatchId), end.Webhook.Url, end.KeyId, CompletedEvent,
            serializer.Serialize(batch, new Uri(end.Webhook.ApiBaseUrl)), end.BatchId, cancellationToken);
        return true;
    }
}
