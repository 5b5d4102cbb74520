using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Workflows.Webhooks;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Jobs;

/// <summary>The input of <see cref="NotifyJobStageActivity"/>: the stage a job has entered.</summary>
public sealed record JobStageReached(string JobId, string KeyId, JobWebhook Webhook, string Stage);

/// <summary>
/// Schedules a progress webhook (<see cref="JobWebhook.ProgressEvent"/>): the job's view as it is, in the
/// stage it has entered, delivered by a <see cref="WebhookDeliveryOrchestrator"/> of its own.
/// Idempotent: the delivery's id is fixed by the job and the stage.
/// </summary>
public sealed class NotifyJobStageActivity(IOrchestrationClient orchestrations, IJobViewSerializer serializer, WebhookDeliveryScheduler deliveries)
    : Activity<JobStageReached, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, JobStageReached reached, CancellationToken cancellationToken)
    {
        var metadata = await orchestrations.GetInstanceAsync(reached.JobId, getInputsAndOutputs: true, cancellationToken)
            ?? throw new InvalidOperationException($"Job {reached.JobId} is gone; it has nobody to notify.");
        var view = JobView.From(metadata) with { State = JobState.InProgress, Stage = reached.Stage };
        var payload = serializer.Serialize(view, new Uri(reached.Webhook.ApiBaseUrl));
        await deliveries.ScheduleAsync(WebhookDelivery.InstanceIdFor(reached.JobId, reached.Stage), reached.Webhook.Url, reached.KeyId,
            JobWebhook.ProgressEvent, payload, senderInstanceId: null, cancellationToken);
        return true;
    }
}
