namespace MediaFunctions.Core.Workflows.Webhooks;

/// <summary>
/// The input of <see cref="WebhookDeliveryOrchestrator"/>: one payload for one receiver, with its
/// retry schedule fixed when it was scheduled (an orchestrator must not read settings that may change
/// between replays).
/// </summary>
/// <param name="Url">The receiver, an absolute http(s) URL.</param>
/// <param name="KeyId">The API key whose secret signs it.</param>
/// <param name="Event">What it tells, e.g. <c>job.completed</c>; sent as a header.</param>
/// <param name="Payload">The body, exactly as sent and signed.</param>
/// <param name="MaxAttempts">Attempts before giving up.</param>
/// <param name="FirstRetryInterval">The wait before the second attempt; each later wait doubles.</param>
/// <param name="SenderInstanceId">
/// The orchestration the payload tells about, when it schedules its own webhook before it ends: the
/// first attempt waits (a little while) for it to end, so a receiver that looks it up finds it ended.
/// </param>
/// <param name="ContentType">The body's media type: JSON for our own webhooks, a form for a dialect whose receivers expect one.</param>
public sealed record WebhookDelivery(
    string Url,
    string KeyId,
    string Event,
    string Payload,
    int MaxAttempts,
    TimeSpan FirstRetryInterval,
    string? SenderInstanceId = null,
    string ContentType = WebhookDelivery.JsonContentType)
{
    public const string JsonContentType = "application/json";

    public const string FormContentType = "application/x-www-form-urlencoded";

    /// <summary>The delivery orchestration's id for a webhook about <paramref name="subjectId"/>: outside every key's prefix, so tenants never see it.</summary>
    public static string InstanceIdFor(string subjectId) => $"webhook~{subjectId}";

    /// <summary>The delivery's id for a webhook about <paramref name="subjectId"/> entering <paramref name="stage"/>.</summary>
    public static string InstanceIdFor(string subjectId, string stage) => $"webhook~{subjectId}~{stage}";
}
