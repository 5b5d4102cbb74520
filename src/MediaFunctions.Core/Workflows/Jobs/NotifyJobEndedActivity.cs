using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Workflows.Webhooks;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Jobs;

/// <summary>The input of <see cref="NotifyJobEndedActivity"/>: how the job ended.</summary>
/// <param name="Outputs">The published files, when it completed.</param>
/// <param name="Error">Why it failed; null when it completed.</param>
public sealed record JobEnd(string JobId, string KeyId, JobWebhook Webhook, IReadOnlyList<JobOutput>? Outputs, JobError? Error);

/// <summary>
/// Schedules the webhook of a job that is ending: its view as <c>GET /api/jobs/{id}</c> will show it
/// once ended (read from the orchestration, with the end applied), delivered by a
/// <see cref="WebhookDeliveryOrchestrator"/> of its own that first waits for the job to end.
/// Idempotent: the delivery's id is fixed by the job's.
/// </summary>
public sealed class NotifyJobEndedActivity(IOrchestrationClient orchestrations, IJobViewSerializer serializer, WebhookDeliveryScheduler deliveries,
    TimeProvider timeProvider)
    : Activity<JobEnd, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, JobEnd end, CancellationToken cancellationToken)
    {
        var metadata = await orchestrations.GetInstanceAsync(end.JobId, getInputsAndOutputs: true, cancellationToken)
            ?? throw new InvalidOperationException($"Job {end.JobId} is gone; it has nobody to notify.");
        var running = JobView.From(metadata);
        var now = timeProvider.GetUtcNow();
        var ended = end.Error is { } error
            ? running with { State = JobState.Failed, Outputs = [], Error = error, UpdatedAt = now }
            : running with { State = JobState.Completed, Stage = JobStage.Completed, Progress = 100, Outputs = end.Outputs ?? [], UpdatedAt = now };
        var payload = serializer.Serialize(ended, new Uri(end.Webhook.ApiBaseUrl));
        await deliveries.ScheduleAsync(WebhookDelivery.InstanceIdFor(end.JobId), end.Webhook.Url, end.KeyId,
            ended.State == JobState.Completed ? JobWebhook.CompletedEvent : JobWebhook.FailedEvent, payload, end.JobId, cancellationToken);
        return true;
    }
}
