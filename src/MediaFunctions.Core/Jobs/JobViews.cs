using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Keys;
using MediaFunctions.Core.Workflows;
using MediaFunctions.Core.Workflows.Batches;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Jobs;

/// <summary>
/// A key's jobs as every endpoint (native or dialect) shows them: one job, one page of them, or one
/// waited for. A job's id is its orchestration's instance id and carries its owner's key id.
/// </summary>
public sealed class JobViews(IOrchestrationClient orchestrations, BatchManifestStore batchManifests)
{
    /// <summary>The job, or null when there is none with that id for this key.</summary>
    public async Task<JobView?> GetAsync(string keyId, string jobId, CancellationToken cancellationToken = default)
    {
        if (!InstanceIds.BelongsTo(jobId, keyId))
        {
            return null;
        }

        var metadata = await orchestrations.GetInstanceAsync(jobId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is not null)
        {
            return WorkflowCatalog.JobOrchestrators.Contains(metadata.Name) ? JobView.From(metadata) : null;
        }

        return await GetNotStartedBatchItemAsync(keyId, jobId, cancellationToken);
    }

    /// <summary>The job once it has ended, or as it is when <paramref name="wait"/> is up first.</summary>
    public async Task<JobView?> WaitAsync(string keyId, string jobId, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waiting.CancelAfter(wait);
        try
        {
            await orchestrations.WaitForInstanceCompletionAsync(jobId, cancellationToken: waiting.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Still running: answered as it is.
        }

        return await GetAsync(keyId, jobId, cancellationToken);
    }

    /// <summary>
    /// Completes when the job's orchestration has ended (at once in the process that ran it, else on the client's own
    /// polling) or <paramref name="cancellationToken"/> fires; never faults, so a caller can race it against a timer.
    /// </summary>
    public async Task WhenEndedAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            await orchestrations.WaitForInstanceCompletionAsync(jobId, cancellationToken: cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            // No orchestration to wait for (a batch item not started yet) or a wait that failed: the readers poll.
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>One page of the key's jobs, newest first.</summary>
    public async Task<(IReadOnlyList<JobView> Jobs, string? ContinuationToken)> ListAsync(string keyId, int pageSize, string? continuationToken,
        CancellationToken cancellationToken = default)
    {
        var page = await orchestrations.QueryInstancesAsync(new InstanceQuery
        {
            InstanceIdPrefix = InstanceIds.PrefixFor(keyId),
            PageSize = pageSize,
            ContinuationToken = continuationToken,
            FetchInputsAndOutputs = true,
        }, cancellationToken);
        return ([.. page.Instances.Where(i => WorkflowCatalog.JobOrchestrators.Contains(i.Name)).Select(JobView.From)], page.ContinuationToken);
    }

    // A batch item's job id is handed out when the batch is created; until its turn comes there is no orchestration to read.
    private async Task<JobView?> GetNotStartedBatchItemAsync(string keyId, string jobId, CancellationToken cancellationToken)
    {
        if (BatchItem.BatchIdOf(jobId) is not { } batchId
            || await orchestrations.GetInstanceAsync(batchId, getInputsAndOutputs: true, cancellationToken) is not { Name: nameof(BatchOrchestrator) } batch
            || await batchManifests.GetAsync(keyId, batchId, cancellationToken) is not { } manifest
            || manifest.Items.FirstOrDefault(item => item.JobId == jobId) is not { } item)
        {
            return null;
        }

        return BatchItemJobs.NotStarted(manifest, batch.ReadInputAs<BatchRun>()!.Template, item, BatchStates.Of(batch));
    }
}
