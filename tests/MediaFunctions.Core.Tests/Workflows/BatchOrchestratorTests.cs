using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Workflows;
using MediaFunctions.Core.Workflows.Batches;
using MediaFunctions.Orchestration;
using Moq;

namespace MediaFunctions.Core.Tests.Workflows;

public class BatchOrchestratorTests
{
    private static readonly BatchJobTemplate Template = new(JobKind.Download, new DownloadRequest(), null, Persistent: false);

    private static readonly JobOutput Zip = new("zip", "alice/alice-b/alice-b.zip", "alice-b.zip", "application/zip", 2000, 0, "none", false,
        "https://blobs.example/alice-b.zip?sig=x", new DateTimeOffset(2026, 11, 23, 12, 15, 0, TimeSpan.Zero));

    private static BatchRun Run(int total, int concurrency = 3, int perGeneration = 100, bool paused = false, JobWebhook? webhook = null, BatchTally? tally = null,
        bool zip = false) =>
        new("alice-b", "alice", Template, total, paused, concurrency, 8, TimeSpan.FromSeconds(2), perGeneration, webhook, tally ?? BatchTally.None, zip);

    private static List<BatchItem> Items(int count, params int[] refused) =>
        [.. Enumerable.Range(0, count).Select(i => refused.Contains(i)
            ? new BatchItem(i, null, $"file:///{i}", Refusal: new JobError("url_not_allowed", "no"))
            : new BatchItem(i, BatchItem.JobIdFor("alice-b", i), $"https://media.example/{i}.mp4"))];

    // Each item job ends a moment after it starts, as its outcome says; the fake counts how many run at once.
    private sealed class ItemJobs
    {
        private int _running;

        public int MostAtOnce { get; private set; }

        public List<string> Started { get; } = [];

        public Dictionary<string, TaskFailureDetails> Failures { get; } = [];

        public async Task<JobResult> RunAsync(string jobId)
        {
            lock (Started)
            {
                Started.Add(jobId);
                MostAtOnce = Math.Max(MostAtOnce, ++_running);
            }

            await Task.Delay(5);
            lock (Started)
            {
                _running--;
            }

            return Failures.TryGetValue(jobId, out var failure)
                ? throw new TaskFailedException(nameof(BatchItemOrchestrator), 1, failure)
                : new JobResult([]);
        }
    }

    private static Mock<IOrchestrationContext> Context(List<BatchItem> manifest, ItemJobs jobs)
    {
        var context = new Mock<IOrchestrationContext>(MockBehavior.Strict);
        context.Setup(c => c.SetCustomStatus(It.IsAny<BatchProgress>()));
        context.Setup(c => c.CallActivityAsync<IReadOnlyList<BatchItem>>(nameof(ReadBatchItemsActivity), It.IsAny<BatchItemsPage>(), RetryPolicies.Storage))
            .Returns((string _, object input, RetryPolicy? _) =>
            {
                var page = (BatchItemsPage)input;
                return Task.FromResult<IReadOnlyList<BatchItem>>([.. manifest.Skip(page.Offset).Take(page.Count)]);
            });
        context.Setup(c => c.CallSubOrchestratorAsync<JobResult>(nameof(BatchItemOrchestrator), It.IsAny<BatchItemJob>(), It.IsAny<string>(), null))
            .Returns((string _, object _, string id, RetryPolicy? _) => jobs.RunAsync(id));
        context.Setup(c => c.CallActivityAsync(nameof(NotifyBatchEndedActivity), It.IsAny<BatchEnd>(), RetryPolicies.Storage)).Returns(Task.CompletedTask);
        return context;
    }

    [Fact(Timeout = 10_000)]
    public async Task Run_TenItemsConcurrencyThree_RunsThreeAtOnceAndCountsEachEnd()
    {
        var jobs = new ItemJobs();
        jobs.Failures[BatchItem.JobIdFor("alice-b", 4)] = new TaskFailureDetails(typeof(JobRefusedException).FullName!, "invalid_media: not media");
        jobs.Failures[BatchItem.JobIdFor("alice-b", 6)] = new TaskFailureDetails(BatchOrchestrator.TerminatedErrorType, "ended as Terminated");
        var context = Context(Items(10), jobs);

        var summary = await new BatchOrchestrator().RunAsync(context.Object, Run(10, concurrency: 3));

        Assert.Equal(new BatchSummary(10, 8, 1, 1), summary);
        Assert.Equal(3, jobs.MostAtOnce);
        Assert.Equal(Items(10).Select(item => item.JobId), jobs.Started);
        context.Verify(c => c.ContinueAsNew(It.IsAny<object>(), It.IsAny<bool>()), Times.Never);
        context.Verify(c => c.SetCustomStatus(new BatchProgress(BatchProgress.ProcessingState, 10, 8, 1, 1, 0)), Times.AtLeastOnce);
    }

    [Fact(Timeout = 10_000)]
    public async Task Run_MoreItemsThanAGeneration_LetsThemFinishThenContinuesAsNewWithTheTally()
    {
        var jobs = new ItemJobs();
        var context = Context(Items(10, refused: 1), jobs);
        BatchRun? next = null;
        context.Setup(c => c.ContinueAsNew(It.IsAny<BatchRun>(), true)).Callback((object input, bool _) => next = (BatchRun)input);

        await new BatchOrchestrator().RunAsync(context.Object, Run(10, concurrency: 2, perGeneration: 4));

        Assert.Equal(new BatchTally(4, 3, 1, 0), next!.Tally);
        Assert.Equal(3, jobs.Started.Count);
        context.Verify(c => c.CallActivityAsync(nameof(NotifyBatchEndedActivity), It.IsAny<BatchEnd>(), RetryPolicies.Storage), Times.Never);
    }

    [Fact(Timeout = 10_000)]
    public async Task Run_LastGeneration_StartsFromTheTallyAndNotifiesTheBatchWebhookOnce()
    {
        var jobs = new ItemJobs();
        var context = Context(Items(10), jobs);
        var webhook = new JobWebhook("https://hooks.example/batch", "https://api.example/");

        var summary = await new BatchOrchestrator().RunAsync(context.Object, Run(10, perGeneration: 100, webhook: webhook, tally: new BatchTally(8, 7, 1, 0)));

        Assert.Equal(new BatchSummary(10, 9, 1, 0), summary);
        Assert.Equal([BatchItem.JobIdFor("alice-b", 8), BatchItem.JobIdFor("alice-b", 9)], jobs.Started);
        context.Verify(c => c.CallActivityAsync(nameof(NotifyBatchEndedActivity), It.Is<BatchEnd>(end => end.Summary == summary && end.Webhook == webhook),
            RetryPolicies.Storage), Times.Once);
    }

    [Fact(Timeout = 10_000)]
    public async Task Run_Zip_ZipsOnceAfterEveryItemBeforeTheWebhookAndTheSummaryCarriesIt()
    {
        var jobs = new ItemJobs();
        jobs.Failures[BatchItem.JobIdFor("alice-b", 1)] = new TaskFailureDetails(typeof(JobRefusedException).FullName!, "invalid_media: not media");
        var context = Context(Items(3), jobs);
        var webhook = new JobWebhook("https://hooks.example/batch", "https://api.example/");
        var calls = new List<string>();
        var itemsStartedWhenZipped = -1;
        context.Setup(c => c.CallActivityAsync<JobOutput?>(nameof(ZipBatchOutputsActivity), new BatchZipping("alice", "alice-b", false), RetryPolicies.Storage))
            .Callback(() =>
            {
                calls.Add(nameof(ZipBatchOutputsActivity));
                itemsStartedWhenZipped = jobs.Started.Count;
            })
            .ReturnsAsync(Zip);
        context.Setup(c => c.CallActivityAsync(nameof(NotifyBatchEndedActivity), It.IsAny<BatchEnd>(), RetryPolicies.Storage))
            .Callback(() => calls.Add(nameof(NotifyBatchEndedActivity))).Returns(Task.CompletedTask);

        var summary = await new BatchOrchestrator().RunAsync(context.Object, Run(3, concurrency: 1, webhook: webhook, zip: true));

        Assert.Equal(new BatchSummary(3, 2, 1, 0, Zip), summary);
        Assert.Equal([nameof(ZipBatchOutputsActivity), nameof(NotifyBatchEndedActivity)], calls);
        Assert.Equal(3, itemsStartedWhenZipped);
        context.Verify(c => c.CallActivityAsync(nameof(NotifyBatchEndedActivity), It.Is<BatchEnd>(end => end.Summary.Zip == Zip), RetryPolicies.Storage), Times.Once);
    }

    [Fact(Timeout = 10_000)]
    public async Task Run_ZipFailsPastItsRetries_BatchStillEndsWithoutZip()
    {
        var context = Context(Items(2), new ItemJobs());
        context.Setup(c => c.CallActivityAsync<JobOutput?>(nameof(ZipBatchOutputsActivity), It.IsAny<BatchZipping>(), RetryPolicies.Storage))
            .ThrowsAsync(new TaskFailedException(nameof(ZipBatchOutputsActivity), 1, new TaskFailureDetails("RequestFailedException", "storage down")));

        var summary = await new BatchOrchestrator().RunAsync(context.Object, Run(2, zip: true));

        Assert.Equal(new BatchSummary(2, 2, 0, 0), summary);
    }

    [Theory(Timeout = 10_000)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task Run_NoZipOrNoItemCompleted_NeverZips(bool zip, bool everyItemFails)
    {
        var jobs = new ItemJobs();
        if (everyItemFails)
        {
            jobs.Failures[BatchItem.JobIdFor("alice-b", 0)] = new TaskFailureDetails(typeof(JobRefusedException).FullName!, "invalid_media: not media");
        }

        // Item 1 was refused when the batch was created, so it never ran either.
        var context = Context(Items(2, refused: 1), jobs);

        var summary = await new BatchOrchestrator().RunAsync(context.Object, Run(2, zip: zip));

        Assert.Null(summary.Zip);
        context.Verify(c => c.CallActivityAsync<JobOutput?>(nameof(ZipBatchOutputsActivity), It.IsAny<BatchZipping>(), It.IsAny<RetryPolicy?>()), Times.Never);
    }

    [Fact(Timeout = 10_000)]
    public async Task Run_Zip_EveryItemJobIsToldToKeepItsFiles()
    {
        var context = Context(Items(2), new ItemJobs());
        context.Setup(c => c.CallActivityAsync<JobOutput?>(nameof(ZipBatchOutputsActivity), It.IsAny<BatchZipping>(), RetryPolicies.Storage)).ReturnsAsync(Zip);

        await new BatchOrchestrator().RunAsync(context.Object, Run(2, zip: true));

        context.Verify(c => c.CallSubOrchestratorAsync<JobResult>(nameof(BatchItemOrchestrator), It.Is<BatchItemJob>(job => job.Zip), It.IsAny<string>(), null),
            Times.Exactly(2));
    }

    [Fact(Timeout = 10_000)]
    public async Task Run_Paused_ReadsNoItemUntilTheStartEvent()
    {
        var jobs = new ItemJobs();
        var context = Context(Items(2), jobs);
        var start = new TaskCompletionSource<bool>();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        context.Setup(c => c.WaitForExternalEvent<bool>(BatchOrchestrator.StartEvent, null, default)).Returns(() =>
        {
            waiting.SetResult();
            return start.Task;
        });

        var running = new BatchOrchestrator().RunAsync(context.Object, Run(2, paused: true));
        // Once it waits for the start event, the orchestrator cannot move before that event comes.
        await waiting.Task;

        Assert.False(running.IsCompleted);
        context.Verify(c => c.SetCustomStatus(new BatchProgress(BatchProgress.PausedState, 2, 0, 0, 0, 0)), Times.Once);
        context.Verify(c => c.CallActivityAsync<IReadOnlyList<BatchItem>>(nameof(ReadBatchItemsActivity), It.IsAny<BatchItemsPage>(), RetryPolicies.Storage), Times.Never);
        start.SetResult(true);
        Assert.Equal(new BatchSummary(2, 2, 0, 0), await running);
    }
}
