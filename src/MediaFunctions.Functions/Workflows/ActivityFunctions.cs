using System.Text.Json;
using MediaFunctions.Core.Workflows.Batches;
using MediaFunctions.Core.Workflows.Cleanup;
using MediaFunctions.Core.Workflows.Deletion;
using MediaFunctions.Core.Workflows.Download;
using MediaFunctions.Core.Workflows.ExtractAudio;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Core.Workflows.Productions;
using MediaFunctions.Core.Workflows.Webhooks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MediaFunctions.Functions.Workflows;

/// <summary>
/// One activity trigger per activity of <see cref="Core.Workflows.WorkflowCatalog"/>, named as the
/// engine names it. Each binds the Durable client, which some activities use (progress, cleanup timers).
/// </summary>
public sealed class ActivityFunctions(WorkflowInvoker workflows)
{
    [Function(nameof(RenderExtractAudioActivity))]
    public Task<object?> RunRenderExtractAudioActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(PublishJobFilesActivity))]
    public Task<object?> RunPublishJobFilesActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(RenderDownloadActivity))]
    public Task<object?> RunRenderDownloadActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(FetchPageSubtitlesActivity))]
    public Task<object?> RunFetchPageSubtitlesActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(MakeThumbnailActivity))]
    public Task<object?> RunMakeThumbnailActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(ResolveDownloadSourceActivity))]
    public Task<object?> RunResolveDownloadSourceActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(ForgetInlineStorageActivity))]
    public Task<object?> RunForgetInlineStorageActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(NotifyJobStageActivity))]
    public Task<object?> RunNotifyJobStageActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(DeleteJobInputActivity))]
    public Task<object?> RunDeleteJobInputActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(DeleteJobFilesActivity))]
    public Task<object?> RunDeleteJobFilesActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(NotifyJobEndedActivity))]
    public Task<object?> RunNotifyJobEndedActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(SendWebhookActivity))]
    public Task<object?> RunSendWebhookActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(ReadBatchItemsActivity))]
    public Task<object?> RunReadBatchItemsActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(TakeKeyJobSlotActivity))]
    public Task<object?> RunTakeKeyJobSlotActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(ReleaseKeyJobSlotActivity))]
    public Task<object?> RunReleaseKeyJobSlotActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(PrepareBatchItemActivity))]
    public Task<object?> RunPrepareBatchItemActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(NotifyBatchEndedActivity))]
    public Task<object?> RunNotifyBatchEndedActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(KeepForBatchZipActivity))]
    public Task<object?> RunKeepForBatchZipActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(ZipBatchOutputsActivity))]
    public Task<object?> RunZipBatchOutputsActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(StopJobActivity))]
    public Task<object?> RunStopJobActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(PurgeJobActivity))]
    public Task<object?> RunPurgeJobActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(FetchProductionInputsActivity))]
    public Task<object?> RunFetchProductionInputsActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(AnalyseProductionActivity))]
    public Task<object?> RunAnalyseProductionActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(RenderProductionActivity))]
    public Task<object?> RunRenderProductionActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(TransferProductionActivity))]
    public Task<object?> RunTransferProductionActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(RecordProductionRunActivity))]
    public Task<object?> RunRecordProductionRunActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);

    [Function(nameof(NotifyProductionEndedActivity))]
    public Task<object?> RunNotifyProductionEndedActivityAsync([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        workflows.RunActivityAsync(input, client, context);
}
