using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Workflows.Download;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Batches;

/// <summary>
/// A batch: once started (a paused batch waits for <see cref="StartEvent"/>), runs one
/// <see cref="BatchItemOrchestrator"/> per item as a sub-orchestration, never more than the batch's concurrency
/// at once, and counts how each ended; one failed item never fails the batch. Every
/// <see cref="BatchRun.ItemsPerGeneration"/> items it lets the running ones finish and continues as new, so its
/// history stays small for a batch of any length. Its custom status is a <see cref="BatchProgress"/>.
/// </summary>
public sealed class BatchOrchestrator : Orchestrator<BatchRun, BatchSummary>
{
    /// <summary>The event that starts a paused batch.</summary>
    public const string StartEvent = "start";

    /// <summary>The failure type a terminated sub-orchestration reports to its parent.</summary>
    public const string TerminatedErrorType = "Terminated";

    // Items read from the manifest per activity call.
    private const int PageSize = 100;

    public override async Task<BatchSummary> RunAsync(IOrchestrationContext context, BatchRun run)
    {
        if (run.Paused)
        {
            context.SetCustomStatus(Progress(BatchProgress.PausedState, run, run.Tally, 0));
            await context.WaitForExternalEvent<bool>(StartEvent);
            run = run with { Paused = false };
        }

        var tally = run.Tally;
        var running = new List<Task<JobState>>();
        var started = 0;
        context.SetCustomStatus(Progress(BatchProgress.ProcessingState, run, tally, 0));
        while (tally.Next < run.Total && started < run.ItemsPerGeneration)
        {
            var page = await context.CallActivityAsync<IReadOnlyList<BatchItem>>(nameof(ReadBatchItemsActivity),
                new BatchItemsPage(run.KeyId, run.BatchId, tally.Next, Math.Min(PageSize, run.ItemsPerGeneration - started)), RetryPolicies.Storage);
            if (page.Count == 0)
            {
                throw new InvalidOperationException($"Batch {run.BatchId} has {run.Total} items, but its manifest ends at {tally.Next}.");
            }

            foreach (var item in page)
            {
                tally = tally with { Next = tally.Next + 1 };
                started++;
                if (item.JobId is null)
                {
                    // Refused when the batch was created: it counts as failed and never runs.
                    tally = tally.With(JobState.Failed);
                    continue;
                }

                while (running.Count >= run.Concurrency)
                {
                    tally = await EndOneAsync(context, run, running, tally);
                }

                running.Add(RunItemAsync(context, run, item));
                context.SetCustomStatus(Progress(BatchProgress.ProcessingState, run, tally, running.Count));
            }
        }

        while (running.Count > 0)
        {
            tally = await EndOneAsync(context, run, running, tally);
        }

        if (tally.Next < run.Total)
        {
            // Nothing is in flight: the next generation starts from a fresh history with just the tally.
            context.ContinueAsNew(run with { Tally = tally });
            return new BatchSummary(run.Total, tally.Completed, tally.Failed, tally.Cancelled);
        }

        var summary = new BatchSummary(run.Total, tally.Completed, tally.Failed, tally.Cancelled);
        if (run.Zip && tally.Completed > 0)
        {
            summary = summary with { Zip = await ZipAsync(context, run) };
        }

        context.SetCustomStatus(Progress(BatchProgress.ProcessingState, run, tally, 0));
        if (run.Webhook is { } webhook)
        {
            await context.CallBestEffortAsync(nameof(NotifyBatchEndedActivity), new BatchEnd(run.BatchId, run.KeyId, webhook, summary));
        }

        // Every item sealed the caller's storage under a key of its own; the batch's own key goes when the batch ends.
        if (run.Template.Storage is { } storage)
        {
            await context.CallBestEffortAsync(nameof(ForgetInlineStorageActivity), storage);
        }

        return summary;
    }

    // The batch ends with or without its zip: a zip that could not be written leaves the summary without one.
    private static async Task<JobOutput?> ZipAsync(IOrchestrationContext context, BatchRun run)
    {
        try
        {
            return await context.CallActivityAsync<JobOutput?>(nameof(ZipBatchOutputsActivity),
                new BatchZipping(run.KeyId, run.BatchId, run.Template.Persistent), RetryPolicies.Storage);
        }
        catch (TaskFailedException)
        {
            return null;
        }
    }

    private static async Task<BatchTally> EndOneAsync(IOrchestrationContext context, BatchRun run, List<Task<JobState>> running, BatchTally tally)
    {
        var ended = await Task.WhenAny(running);
        running.Remove(ended);
        tally = tally.With(await ended);
        context.SetCustomStatus(Progress(BatchProgress.ProcessingState, run, tally, running.Count));
        return tally;
    }

    private static async Task<JobState> RunItemAsync(IOrchestrationContext context, BatchRun run, BatchItem item)
    {
        try
        {
            await context.CallSubOrchestratorAsync<JobResult>(nameof(BatchItemOrchestrator),
                new BatchItemJob(run.BatchId, run.KeyId, item, run.Template, run.Concurrency, run.KeyConcurrency, run.SlotPollInterval, run.Zip), item.JobId);
            return JobState.Completed;
        }
        catch (TaskFailedException failure)
        {
            // A deleted (terminated) item job reaches its parent as a failure of this type.
            return failure.FailureDetails.ErrorType == TerminatedErrorType ? JobState.Cancelled : JobState.Failed;
        }
    }

    private static BatchProgress Progress(string state, BatchRun run, BatchTally tally, int running) =>
        new(state, run.Total, tally.Completed, tally.Failed, tally.Cancelled, running);
}
