using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Sources.Pages;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Batches;

/// <summary>
/// Makes a batch item into its job when the item's turn comes, with every check a single job gets when it is
/// accepted (address rules, probe, the key's caps, the plan). A refusal fails the item with its code.
/// </summary>
public sealed class PrepareBatchItemActivity(JobPreparation preparation, InlineStorageProtector storageProtector) : Activity<BatchItemJob, PreparedBatchItem>
{
    public override async Task<PreparedBatchItem> RunAsync(ActivityContext context, BatchItemJob item, CancellationToken cancellationToken)
    {
        var template = item.Template;
        try
        {
            if (template.Download is { } download)
            {
                var request = download with { FileName = item.Item.FileName };
                var job = await preparation.PrepareDownloadAsync(item.KeyId, item.JobId, item.Item.Url, request, template.Persistent,
                    template.ItemWebhook, title: item.Item.Title, cancellationToken: cancellationToken);
                // Sealed again under a key of the item's own, which the item drops when it ends; the batch's lives until the batch ends.
                var storage = template.Storage is { } shared
                    ? await storageProtector.ProtectAsync(await storageProtector.UnprotectAsync(shared, cancellationToken), cancellationToken)
                    : null;
                return new PreparedBatchItem(job with { Storage = storage, Threads = item.ThreadsPerJob(Environment.ProcessorCount) }, null);
            }

            return new PreparedBatchItem(null, await preparation.PrepareExtractAudioAsync(item.KeyId, item.JobId, new JobSource(null, item.Item.Url),
                template.ExtractAudio!, template.Persistent, item.Item.FileName ?? item.Item.Title, template.ItemWebhook, cancellationToken));
        }
        catch (InvalidJobInputException refused)
        {
            throw new JobRefusedException(refused.Code, refused.Message);
        }
        catch (SourceTooLargeException tooLarge)
        {
            throw new JobRefusedException(SourceTooLargeException.Code, tooLarge.Message);
        }
        catch (NoMediaFoundException noMedia)
        {
            throw new JobRefusedException(NoMediaFoundException.Code, noMedia.Message);
        }
    }
}
