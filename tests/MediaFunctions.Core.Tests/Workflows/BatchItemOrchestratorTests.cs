using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Workflows;
using MediaFunctions.Core.Workflows.Batches;
using MediaFunctions.Core.Workflows.Download;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Orchestration;
using Moq;

namespace MediaFunctions.Core.Tests.Workflows;

public class BatchItemOrchestratorTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private static readonly JobWebhook Webhook = new("https://hooks.example/items", "https://api.example/");
    private static readonly JobOutput Downloaded = new("mp4", "alice/alice-b-00003/ep.mp4", "ep.mp4", "video/mp4", 1000, 3.0, "aac", true);
    private static readonly DownloadCorrection Corrected = new("audio_codec", "copy", "aac", "The source's audio does not fit mp4.");

    private static readonly BatchItemJob Item = new("alice-b", "alice", new BatchItem(3, "alice-b-00003", "https://media.example/ep.mp3", "Episode 3"),
        new BatchJobTemplate(JobKind.Download, new DownloadRequest(), null, false, Webhook), Concurrency: 4, KeyConcurrency: 2, SlotPollInterval: TimeSpan.FromSeconds(2));

    private static DownloadJob Prepared()
    {
        var request = new DownloadRequest();
        var source = new DownloadSource([JobSource.FromUrl(new Uri(Item.Item.Url))], [new MediaProbe { FormatNames = ["mp3"], Streams = [] }], "Episode 3", [], null, IsLive: false);
        return new DownloadJob(Item.JobId, "alice", Item.Item.Url, request, DownloadSettings.Resolve(request), source, [Corrected], false, "Episode_3", null, Webhook: Webhook);
    }

    private static Mock<IOrchestrationContext> Context(Queue<bool> slotLooks, List<DateTime> timers, Task<PreparedBatchItem> prepared)
    {
        var context = new Mock<IOrchestrationContext>(MockBehavior.Strict);
        var now = Now;
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => now);
        context.Setup(c => c.SetCustomStatus(It.IsAny<JobProgress>()));
        context.Setup(c => c.CallActivityAsync<bool>(nameof(TakeKeyJobSlotActivity), new KeyJobSlotClaim("alice", Item.JobId, 2), RetryPolicies.Storage))
            .Returns(() => Task.FromResult(slotLooks.Dequeue()));
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), default)).Returns((DateTime at, CancellationToken _) =>
        {
            timers.Add(at);
            now = at;
            return Task.CompletedTask;
        });
        context.Setup(c => c.CallActivityAsync<PreparedBatchItem>(nameof(PrepareBatchItemActivity), It.Is<BatchItemJob>(job => job.JobId == Item.JobId), null)).Returns(prepared);
        context.Setup(c => c.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(RenderDownloadActivity), It.IsAny<DownloadJob>(), null))
            .Returns(Task.FromResult<IReadOnlyList<JobOutput>>([Downloaded]));
        context.Setup(c => c.WaitForExternalEvent<JobProgress>(DownloadOrchestrator.ProgressEvent, null, default)).Returns(new TaskCompletionSource<JobProgress>().Task);
        context.Setup(c => c.CallActivityAsync(It.IsAny<string>(), It.IsAny<object>(), RetryPolicies.Storage)).Returns(Task.CompletedTask);
        context.Setup(c => c.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(PublishJobFilesActivity), It.IsAny<JobFilesToPublish>(), RetryPolicies.Storage))
            .Returns((string _, object files, RetryPolicy _) => Task.FromResult(((JobFilesToPublish)files).Files));
        return context;
    }

    [Fact(Timeout = 10_000)]
    public async Task Run_SlotsTakenTwice_WaitsOnDurableTimersThenRunsThePreparedDownloadAndGivesTheSlotBack()
    {
        var timers = new List<DateTime>();
        var context = Context(new Queue<bool>([false, false, true]), timers, Task.FromResult(new PreparedBatchItem(Prepared(), null)));

        var result = await new BatchItemOrchestrator().RunAsync(context.Object, Item);

        Assert.Equal([Now.AddSeconds(2), Now.AddSeconds(4)], timers);
        Assert.Equal([Downloaded], result.Outputs);
        Assert.Equal([Corrected], result.Corrections!);
        context.Verify(c => c.CallActivityAsync(nameof(ReleaseKeyJobSlotActivity), new KeyJobSlotClaim("alice", Item.JobId, 2), RetryPolicies.Storage), Times.Once);
        context.Verify(c => c.CallActivityAsync(nameof(NotifyJobEndedActivity), It.Is<JobEnd>(end => end.Error == null && end.JobId == Item.JobId),
            RetryPolicies.Storage), Times.Once);
    }

    [Fact(Timeout = 10_000)]
    public async Task Run_ZipAndJobCompleted_KeepsTheJobsOutputsForTheZipBeforeGivingTheSlotBack()
    {
        var context = Context(new Queue<bool>([true]), [], Task.FromResult(new PreparedBatchItem(Prepared(), null)));
        var calls = new List<string>();
        context.Setup(c => c.CallActivityAsync(It.IsAny<string>(), It.IsAny<object>(), RetryPolicies.Storage))
            .Callback((string name, object _, RetryPolicy? _) => calls.Add(name)).Returns(Task.CompletedTask);

        await new BatchItemOrchestrator().RunAsync(context.Object, Item with { Zip = true });

        context.Verify(c => c.CallActivityAsync(nameof(KeepForBatchZipActivity),
            It.Is<BatchZipItem>(kept => kept.KeyId == "alice" && kept.BatchId == "alice-b" && kept.Index == 3 && kept.Outputs.SequenceEqual(new[] { Downloaded })),
            RetryPolicies.Storage), Times.Once);
        Assert.True(calls.IndexOf(nameof(KeepForBatchZipActivity)) < calls.IndexOf(nameof(ReleaseKeyJobSlotActivity)));
    }

    [Fact(Timeout = 10_000)]
    public async Task Run_ZipKeepFailsPastItsRetries_ItemStillCompletes()
    {
        var context = Context(new Queue<bool>([true]), [], Task.FromResult(new PreparedBatchItem(Prepared(), null)));
        context.Setup(c => c.CallActivityAsync(nameof(KeepForBatchZipActivity), It.IsAny<object>(), RetryPolicies.Storage))
            .ThrowsAsync(new TaskFailedException(nameof(KeepForBatchZipActivity), 1, new TaskFailureDetails("RequestFailedException", "storage down")));

        var result = await new BatchItemOrchestrator().RunAsync(context.Object, Item with { Zip = true });

        Assert.Equal([Downloaded], result.Outputs);
    }

    [Fact(Timeout = 10_000)]
    public async Task Run_NoZip_KeepsNothing()
    {
        var context = Context(new Queue<bool>([true]), [], Task.FromResult(new PreparedBatchItem(Prepared(), null)));

        await new BatchItemOrchestrator().RunAsync(context.Object, Item);

        context.Verify(c => c.CallActivityAsync(nameof(KeepForBatchZipActivity), It.IsAny<object>(), It.IsAny<RetryPolicy?>()), Times.Never);
    }

    [Fact(Timeout = 10_000)]
    public async Task Run_ZipAndJobFailed_KeepsNothing()
    {
        var context = Context(new Queue<bool>([true]), [], Task.FromResult(new PreparedBatchItem(Prepared(), null)));
        context.Setup(c => c.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(RenderDownloadActivity), It.IsAny<DownloadJob>(), null))
            .ThrowsAsync(new TaskFailedException(nameof(RenderDownloadActivity), 1, new TaskFailureDetails(typeof(JobRefusedException).FullName!, "invalid_media: not media")));

        await Assert.ThrowsAsync<TaskFailedException>(() => new BatchItemOrchestrator().RunAsync(context.Object, Item with { Zip = true }));

        context.Verify(c => c.CallActivityAsync(nameof(KeepForBatchZipActivity), It.IsAny<object>(), It.IsAny<RetryPolicy?>()), Times.Never);
    }

    [Fact(Timeout = 10_000)]
    public async Task Run_ZipAndItemRefusedWhenPrepared_KeepsNothing()
    {
        var refusal = new TaskFailedException(nameof(PrepareBatchItemActivity), 2,
            new TaskFailureDetails(typeof(JobRefusedException).FullName!, "url_not_allowed: 10.0.0.5 is a private address."));
        var context = Context(new Queue<bool>([true]), [], Task.FromException<PreparedBatchItem>(refusal));

        await Assert.ThrowsAsync<TaskFailedException>(() => new BatchItemOrchestrator().RunAsync(context.Object, Item with { Zip = true }));

        context.Verify(c => c.CallActivityAsync(nameof(KeepForBatchZipActivity), It.IsAny<object>(), It.IsAny<RetryPolicy?>()), Times.Never);
    }

    [Fact(Timeout = 10_000)]
    public async Task Run_ItemRefusedWhenPrepared_FailsWithItsCodeTellsTheWebhookAndGivesTheSlotBack()
    {
        var refusal = new TaskFailedException(nameof(PrepareBatchItemActivity), 2,
            new TaskFailureDetails(typeof(JobRefusedException).FullName!, "url_not_allowed: 10.0.0.5 is a private address."));
        var context = Context(new Queue<bool>([true]), [], Task.FromException<PreparedBatchItem>(refusal));

        var failed = await Assert.ThrowsAsync<TaskFailedException>(() => new BatchItemOrchestrator().RunAsync(context.Object, Item));

        Assert.Equal(new JobError("url_not_allowed", "10.0.0.5 is a private address."), JobError.From(failed.FailureDetails));
        context.Verify(c => c.CallActivityAsync(nameof(NotifyJobEndedActivity), It.Is<JobEnd>(end => end.Error!.Code == "url_not_allowed"),
            RetryPolicies.Storage), Times.Once);
        context.Verify(c => c.CallActivityAsync(nameof(ReleaseKeyJobSlotActivity), It.IsAny<KeyJobSlotClaim>(), RetryPolicies.Storage), Times.Once);
        context.Verify(c => c.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(RenderDownloadActivity), It.IsAny<DownloadJob>(), null), Times.Never);
    }
}
