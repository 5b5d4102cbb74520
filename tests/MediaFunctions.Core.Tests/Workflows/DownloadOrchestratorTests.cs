using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Sources.Pages;
using MediaFunctions.Core.Workflows;
using MediaFunctions.Core.Workflows.Download;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Orchestration;
using Moq;

namespace MediaFunctions.Core.Tests.Workflows;

public class DownloadOrchestratorTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DownloadSource Source = new([JobSource.FromUrl(new Uri("https://live.example/index.m3u8"))],
        [new MediaProbe { FormatNames = ["hls"], Streams = [] }], null, [], null, IsLive: true);

    private static readonly ProtectedInlineStorage Storage = new("c2VhbGVk", "s3", "bucket", "videos");

    private static readonly JobOutput Downloaded = new("mp4", "alice/alice-1/clip.mp4", "clip.mp4", "video/mp4", 1000, 3.0, "aac", true);

    private static DownloadJob Job(ScheduledStreamWait? wait, DownloadRequest? request = null, JobWebhook? webhook = null)
    {
        request ??= new DownloadRequest { WaitForScheduled = wait is not null };
        return new DownloadJob("alice-1", "alice", "https://live.example/index.m3u8", request, DownloadSettings.Resolve(request), wait is null ? Source : null, [], false,
            "clip", null, wait, webhook);
    }

    private static Mock<IOrchestrationContext> Context(Queue<DownloadSource?> looks, Task<IReadOnlyList<JobOutput>> downloading, List<DateTime> timers)
    {
        var context = new Mock<IOrchestrationContext>(MockBehavior.Strict);
        var now = Now;
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => now);
        context.Setup(c => c.SetCustomStatus(It.IsAny<JobProgress>()));
        context.Setup(c => c.CallActivityAsync<DownloadSource?>(nameof(ResolveDownloadSourceActivity), It.IsAny<DownloadJob>(), null))
            .Returns(() => Task.FromResult(looks.Dequeue()));
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), default)).Returns((DateTime at, CancellationToken _) =>
        {
            timers.Add(at);
            now = at;
            return Task.CompletedTask;
        });
        context.Setup(c => c.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(RenderDownloadActivity), It.IsAny<DownloadJob>(), null)).Returns(downloading);
        context.Setup(c => c.WaitForExternalEvent<JobProgress>(DownloadOrchestrator.ProgressEvent, null, default)).Returns(new TaskCompletionSource<JobProgress>().Task);
        context.Setup(c => c.CallActivityAsync(It.IsAny<string>(), It.IsAny<object>(), RetryPolicies.Storage)).Returns(Task.CompletedTask);
        context.Setup(c => c.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(PublishJobFilesActivity), It.IsAny<JobFilesToPublish>(), RetryPolicies.Storage))
            .Returns((string _, object files, RetryPolicy _) => Task.FromResult<IReadOnlyList<JobOutput>>(
                [.. ((JobFilesToPublish)files).Files.Select(file => file with { Url = $"https://sas/{file.FileName}" })]));
        return context;
    }

    [Fact]
    public async Task Run_ScheduledStreamStartsOnTheThirdLook_WaitsOnDurableTimersThenDownloadsIt()
    {
        var timers = new List<DateTime>();
        var job = Job(new ScheduledStreamWait(Now.AddMinutes(10), TimeSpan.FromSeconds(30)));
        var context = Context(new Queue<DownloadSource?>([null, null, Source]), Task.FromResult<IReadOnlyList<JobOutput>>([Downloaded]), timers);

        var result = await new DownloadOrchestrator().RunAsync(context.Object, job);

        Assert.Equal([Now.AddSeconds(30), Now.AddSeconds(60)], timers);
        Assert.Single(result.Outputs);
        context.Verify(c => c.SetCustomStatus(new JobProgress(JobStage.Waiting, 0)), Times.Once);
        context.Verify(c => c.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(RenderDownloadActivity), It.Is<DownloadJob>(j => j.Source == Source), null), Times.Once);
    }

    [Fact]
    public async Task Run_ScheduledStreamNeverStarts_FailsWhenTheWaitIsOverWithoutDownloading()
    {
        var timers = new List<DateTime>();
        var job = Job(new ScheduledStreamWait(Now.AddMinutes(1), TimeSpan.FromSeconds(30)));
        var context = Context(new Queue<DownloadSource?>([null, null, null]), new TaskCompletionSource<IReadOnlyList<JobOutput>>().Task, timers);

        var failed = await Assert.ThrowsAsync<StreamNotStartedException>(() => new DownloadOrchestrator().RunAsync(context.Object, job));

        Assert.Contains("did not start by", failed.Message, StringComparison.Ordinal);
        Assert.Equal(2, timers.Count);
        context.Verify(c => c.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(RenderDownloadActivity), It.IsAny<DownloadJob>(), null), Times.Never);
    }

    [Fact]
    public async Task Run_ProgressWebhooks_OneNotificationPerStageNotPerProgressEvent()
    {
        var webhook = new JobWebhook("https://hooks.example/job", "https://api.example/");
        var job = Job(null, new DownloadRequest { ProgressWebhooks = true }, webhook);
        var downloading = new TaskCompletionSource<IReadOnlyList<JobOutput>>();
        var context = Context(new Queue<DownloadSource?>(), downloading.Task, []);
        var events = new Queue<TaskCompletionSource<JobProgress>>();
        context.Setup(c => c.WaitForExternalEvent<JobProgress>(DownloadOrchestrator.ProgressEvent, null, default)).Returns(() =>
        {
            var next = new TaskCompletionSource<JobProgress>();
            events.Enqueue(next);
            return next.Task;
        });

        var run = new DownloadOrchestrator().RunAsync(context.Object, job);
        events.Dequeue().SetResult(new JobProgress(JobStage.Downloading, 0));
        events.Dequeue().SetResult(new JobProgress(JobStage.Downloading, 50));
        downloading.SetResult([Downloaded]);
        await run;

        context.Verify(c => c.CallActivityAsync(nameof(NotifyJobStageActivity), It.Is<JobStageReached>(r => r.Stage == JobStage.Downloading), RetryPolicies.Storage), Times.Once);
        context.Verify(c => c.CallActivityAsync(nameof(NotifyJobStageActivity), It.Is<JobStageReached>(r => r.Stage == JobStage.Uploading), RetryPolicies.Storage), Times.Once);
        context.Verify(c => c.CallActivityAsync(nameof(NotifyJobEndedActivity), It.Is<JobEnd>(e => e.Error == null), RetryPolicies.Storage), Times.Once);
        context.Verify(c => c.SetCustomStatus(new JobProgress(JobStage.Downloading, 50)), Times.Once);
        context.Verify(c => c.SetCustomStatus(new JobProgress(JobStage.Uploading, 99)), Times.Once);
    }

    [Fact]
    public async Task Run_SubtitlesAndThumbnail_EachAStepOfItsOwnAndEveryFilePublishedTogether()
    {
        var request = new DownloadRequest { Subtitles = true, Thumbnail = true };
        var job = Job(null, request) with { Source = Source with { Subtitles = [new PageSubtitle("fr", new Uri("https://live.example/fr.srt"), "srt")] } };
        var embedded = new JobOutput("vtt", "alice/alice-1/clip.en.vtt", "clip.en.vtt", "text/vtt", 10, 0, "", false, Role: JobOutput.SubtitlesRole, Language: "en");
        var fetched = embedded with { BlobName = "alice/alice-1/clip.fr.vtt", FileName = "clip.fr.vtt", Language = "fr" };
        var thumbnail = new JobOutput("jpg", "alice/alice-1/clip.jpg", "clip.jpg", "image/jpeg", 10, 0, "", false, Role: JobOutput.ThumbnailRole);
        var context = Context(new Queue<DownloadSource?>(), Task.FromResult<IReadOnlyList<JobOutput>>([Downloaded, embedded]), []);
        context.Setup(c => c.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(FetchPageSubtitlesActivity), It.IsAny<DownloadSideFiles>(), RetryPolicies.Storage))
            .ReturnsAsync([fetched]);
        context.Setup(c => c.CallActivityAsync<JobOutput?>(nameof(MakeThumbnailActivity), It.IsAny<DownloadSideFiles>(), null)).ReturnsAsync(thumbnail);

        var result = await new DownloadOrchestrator().RunAsync(context.Object, job);

        Assert.Equal(["clip.mp4", "clip.en.vtt", "clip.fr.vtt", "clip.jpg"], result.Outputs.Select(output => output.FileName));
        Assert.All(result.Outputs, output => Assert.Equal($"https://sas/{output.FileName}", output.Url));
        // The side-file steps know what the render carried: the page's subtitles skip the languages it had.
        context.Verify(c => c.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(FetchPageSubtitlesActivity),
            It.Is<DownloadSideFiles>(files => files.Rendered.Count == 2 && files.Media() == Downloaded), RetryPolicies.Storage), Times.Once);
        context.Verify(c => c.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(PublishJobFilesActivity), It.IsAny<JobFilesToPublish>(), RetryPolicies.Storage),
            Times.Once);
    }

    [Fact]
    public async Task Run_NoSubtitlesOrThumbnailAsked_NoSideFileSteps()
    {
        var job = Job(null) with { Source = Source with { Subtitles = [new PageSubtitle("fr", new Uri("https://live.example/fr.srt"), "srt")] } };
        var context = Context(new Queue<DownloadSource?>(), Task.FromResult<IReadOnlyList<JobOutput>>([Downloaded]), []);

        var result = await new DownloadOrchestrator().RunAsync(context.Object, job);

        Assert.Equal("https://sas/clip.mp4", Assert.Single(result.Outputs).Url);
        context.Verify(c => c.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(FetchPageSubtitlesActivity), It.IsAny<object>(), It.IsAny<RetryPolicy>()), Times.Never);
        context.Verify(c => c.CallActivityAsync<JobOutput?>(nameof(MakeThumbnailActivity), It.IsAny<object>(), It.IsAny<RetryPolicy>()), Times.Never);
    }

    [Fact]
    public async Task Run_InlineStorage_PublishIsToldTheFilesAreInTheCallersStorage()
    {
        var job = Job(null) with { Storage = Storage };
        var context = Context(new Queue<DownloadSource?>(), Task.FromResult<IReadOnlyList<JobOutput>>([Downloaded]), []);

        await new DownloadOrchestrator().RunAsync(context.Object, job);

        context.Verify(c => c.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(PublishJobFilesActivity),
            It.Is<JobFilesToPublish>(files => files.Storage == Storage && !files.Persistent && files.Files.Single() == Downloaded), RetryPolicies.Storage), Times.Once);
    }

    [Fact]
    public async Task Run_InlineStorageJobCompletes_ItsStorageKeyDropped()
    {
        var job = Job(null) with { Storage = Storage };
        var context = Context(new Queue<DownloadSource?>(), Task.FromResult<IReadOnlyList<JobOutput>>([Downloaded]), []);

        await new DownloadOrchestrator().RunAsync(context.Object, job);

        context.Verify(c => c.CallActivityAsync(nameof(ForgetInlineStorageActivity), Storage, RetryPolicies.Storage), Times.Once);
    }

    [Fact]
    public async Task Run_InlineStorageJobFails_ItsStorageKeyDroppedAndTheFailureKept()
    {
        var job = Job(null) with { Storage = Storage };
        var failure = new TaskFailedException(nameof(RenderDownloadActivity), 1, new TaskFailureDetails("InvalidJobInputException", "no", null, null));
        var context = Context(new Queue<DownloadSource?>(), Task.FromException<IReadOnlyList<JobOutput>>(failure), []);

        var thrown = await Assert.ThrowsAsync<TaskFailedException>(() => new DownloadOrchestrator().RunAsync(context.Object, job));

        Assert.Same(failure, thrown);
        context.Verify(c => c.CallActivityAsync(nameof(ForgetInlineStorageActivity), Storage, RetryPolicies.Storage), Times.Once);
    }

    [Fact]
    public async Task Run_NoInlineStorage_NothingToDrop()
    {
        var context = Context(new Queue<DownloadSource?>(), Task.FromResult<IReadOnlyList<JobOutput>>([Downloaded]), []);

        await new DownloadOrchestrator().RunAsync(context.Object, Job(null));

        context.Verify(c => c.CallActivityAsync(nameof(ForgetInlineStorageActivity), It.IsAny<object>(), It.IsAny<RetryPolicy>()), Times.Never);
    }
}
