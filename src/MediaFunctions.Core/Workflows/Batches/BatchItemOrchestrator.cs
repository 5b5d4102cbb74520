using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Workflows.Download;
using MediaFunctions.Core.Workflows.ExtractAudio;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Batches;

/// <summary>
/// One batch item's job, run as a sub-orchestration of its batch under the item's job id: wait for one of the
/// key's slots (durable timers between looks), prepare the item into its job, run that job exactly as a single
/// job of its kind runs, and give the slot back however it ends.
/// </summary>
public sealed class BatchItemOrchestrator : Orchestrator<BatchItemJob, JobResult>
{
    public override async Task<JobResult> RunAsync(IOrchestrationContext context, BatchItemJob item)
    {
        context.SetCustomStatus(new JobProgress(JobStage.Queued, 0));
        var claim = new KeyJobSlotClaim(item.KeyId, item.JobId, item.KeyConcurrency);
        while (!await context.CallActivityAsync<bool>(nameof(TakeKeyJobSlotActivity), claim, RetryPolicies.Storage))
        {
            await context.CreateTimer(context.CurrentUtcDateTime + item.SlotPollInterval);
        }

        try
        {
            PreparedBatchItem prepared;
            try
            {
                prepared = await context.CallActivityAsync<PreparedBatchItem>(nameof(PrepareBatchItemActivity), item);
            }
            catch (TaskFailedException refused)
            {
                await NotifyRefusedAsync(context, item, JobError.From(refused.FailureDetails));
                throw;
            }

            var result = prepared.Download is { } download
                ? await DownloadOrchestrator.RunJobAsync(context, download) with { Corrections = download.Corrections }
                : await ExtractAudioOrchestrator.RunJobAsync(context, prepared.ExtractAudio!);
            if (item.Zip)
            {
                // Retried like every storage call; a file that still could not be kept is missing from the zip, and the item still completed.
                await context.CallBestEffortAsync(nameof(KeepForBatchZipActivity), new BatchZipItem(item.KeyId, item.BatchId, item.Item.Index, result.Outputs));
            }

            return result;
        }
        finally
        {
            await context.CallActivityAsync(nameof(ReleaseKeyJobSlotActivity), claim, RetryPolicies.Storage);
        }
    }

    private static async Task NotifyRefusedAsync(IOrchestrationContext context, BatchItemJob item, JobError error)
    {
        if (item.Template.ItemWebhook is not { } webhook)
        {
            return;
        }

        await context.CallBestEffortAsync(nameof(NotifyJobEndedActivity), new JobEnd(item.JobId, item.KeyId, webhook, null, error));
    }
}
