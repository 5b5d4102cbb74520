using MediaFunctions.Core.Workflows.Batches;
using MediaFunctions.Core.Workflows.Cleanup;
using MediaFunctions.Core.Workflows.Deletion;
using MediaFunctions.Core.Workflows.Download;
using MediaFunctions.Core.Workflows.ExtractAudio;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Core.Workflows.Productions;
using MediaFunctions.Core.Workflows.Webhooks;

namespace MediaFunctions.Core.Workflows;

/// <summary>
/// Every orchestrator and activity of the service, by the name engines call it. Both hosts
/// register exactly these; the Azure host needs one function per name.
/// </summary>
public static class WorkflowCatalog
{
    /// <summary>The orchestrators whose instances are user jobs.</summary>
    public static IReadOnlySet<string> JobOrchestrators { get; } = new HashSet<string>(StringComparer.Ordinal) { nameof(ExtractAudioOrchestrator), nameof(DownloadOrchestrator), nameof(BatchItemOrchestrator) };

    public static IReadOnlyList<string> Orchestrators { get; } = [
        nameof(ExtractAudioOrchestrator),
        nameof(DownloadOrchestrator),
        nameof(BatchOrchestrator),
        nameof(BatchItemOrchestrator),
        nameof(JobCleanupOrchestrator),
        nameof(WebhookDeliveryOrchestrator),
        nameof(JobDeletionOrchestrator),
        nameof(ProductionOrchestrator),
    ];

    public static IReadOnlyList<string> Activities { get; } =
    [
        nameof(RenderExtractAudioActivity),
        nameof(RenderDownloadActivity),
        nameof(FetchPageSubtitlesActivity),
        nameof(MakeThumbnailActivity),
        nameof(PublishJobFilesActivity),
        nameof(ResolveDownloadSourceActivity),
        nameof(ForgetInlineStorageActivity),
        nameof(DeleteJobInputActivity),
        nameof(DeleteJobFilesActivity),
        nameof(NotifyJobEndedActivity),
        nameof(NotifyJobStageActivity),
        nameof(SendWebhookActivity),
        nameof(ReadBatchItemsActivity),
        nameof(TakeKeyJobSlotActivity),
        nameof(ReleaseKeyJobSlotActivity),
        nameof(PrepareBatchItemActivity),
        nameof(NotifyBatchEndedActivity),
        nameof(KeepForBatchZipActivity),
        nameof(ZipBatchOutputsActivity),
        nameof(StopJobActivity),
        nameof(PurgeJobActivity),
        nameof(FetchProductionInputsActivity),
        nameof(AnalyseProductionActivity),
        nameof(RenderProductionActivity),
        nameof(TransferProductionActivity),
        nameof(RecordProductionRunActivity),
        nameof(NotifyProductionEndedActivity),
    ];
}
