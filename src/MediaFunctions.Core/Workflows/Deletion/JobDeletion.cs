using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Workflows.Cleanup;
using MediaFunctions.Core.Workflows.Download;
using MediaFunctions.Core.Workflows.Webhooks;

namespace MediaFunctions.Core.Workflows.Deletion;

/// <summary>The input of <see cref="JobDeletionOrchestrator"/>: the job to stop and forget, and the caller's storage credentials it holds.</summary>
public sealed record JobDeletion(string KeyId, string JobId, ProtectedInlineStorage? Storage)
{
    /// <summary>The deletion's instance id: outside every key's prefix, so tenants never see it; one deletion per job.</summary>
    public static string InstanceIdFor(string jobId) => $"delete~{jobId}";

    /// <summary>The instances a job starts besides its own: the cleanup timer and every webhook delivery it may schedule.</summary>
    public static IReadOnlyList<string> HelperInstanceIdsOf(string jobId) =>
    [
        JobCleanup.InstanceIdFor(jobId),
        WebhookDelivery.InstanceIdFor(jobId),
        .. DownloadOrchestrator.NotifiedStages.Select(stage => WebhookDelivery.InstanceIdFor(jobId, stage)),
    ];
}
