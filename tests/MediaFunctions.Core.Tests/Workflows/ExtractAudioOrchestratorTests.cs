using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.ExtractAudio;
using MediaFunctions.Core.Workflows;
using MediaFunctions.Core.Workflows.ExtractAudio;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Orchestration;
using Moq;

namespace MediaFunctions.Core.Tests.Workflows;

public class ExtractAudioOrchestratorTests
{
    private static readonly MediaProbe Probe = new() { FormatNames = ["mov", "mp4"], Streams = [], Duration = TimeSpan.FromSeconds(10) };
    private static readonly DateTimeOffset ExpiresAt = new(2026, 1, 1, 0, 15, 0, TimeSpan.Zero);

    private static ExtractAudioJob Job(bool persistent, JobSource? source = null) =>
        new("alice-1", "alice", source ?? JobSource.Staged("alice/alice-1/source", "alice/alice-1/source-audio"), new ExtractAudioRequest(), Probe, persistent, "clip");

    private static JobOutput Rendered => new("mp3", "alice/alice-1/clip.mp3", "clip.mp3", "audio/mpeg", 1000, 2.0, "mp3", false);

    private static Mock<IOrchestrationContext> Context(ExtractAudioJob job, Task<IReadOnlyList<JobOutput>> rendering)
    {
        var context = new Mock<IOrchestrationContext>(MockBehavior.Strict);
        context.Setup(c => c.SetCustomStatus(It.IsAny<JobProgress>()));
        context.Setup(c => c.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(RenderExtractAudioActivity), job, null)).Returns(rendering);
        context.Setup(c => c.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(PublishJobFilesActivity), It.IsAny<JobFilesToPublish>(), RetryPolicies.Storage))
            .Returns((string _, object files, RetryPolicy _) => Task.FromResult<IReadOnlyList<JobOutput>>(
                [.. ((JobFilesToPublish)files).Files.Select(file => file with { Url = "https://sas", ExpiresAt = ExpiresAt })]));
        context.Setup(c => c.CallActivityAsync(nameof(DeleteJobInputActivity), It.IsAny<object>(), RetryPolicies.Storage)).Returns(Task.CompletedTask);
        return context;
    }

    [Fact]
    public async Task Run_RenderSucceeds_PublishesTheRenderedFilesReturnsTheirLinksAndDeletesInput()
    {
        var job = Job(persistent: false);
        var context = Context(job, Task.FromResult<IReadOnlyList<JobOutput>>([Rendered]));
        context.Setup(c => c.WaitForExternalEvent<JobProgress>(ExtractAudioOrchestrator.ProgressEvent, null, default)).Returns(new TaskCompletionSource<JobProgress>().Task);

        var result = await new ExtractAudioOrchestrator().RunAsync(context.Object, job);

        Assert.Equal("https://sas", Assert.Single(result.Outputs).Url);
        context.Verify(c => c.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(PublishJobFilesActivity),
            It.Is<JobFilesToPublish>(files => files.JobId == "alice-1" && !files.Persistent && files.Storage == null && files.Files.Single() == Rendered),
            RetryPolicies.Storage), Times.Once);
        context.Verify(c => c.CallActivityAsync(nameof(DeleteJobInputActivity), job.Source, RetryPolicies.Storage), Times.Once);
        context.Verify(c => c.SetCustomStatus(new JobProgress(JobStage.Completed, 100)), Times.Once);
    }

    [Fact]
    public async Task Run_ProgressEventsWhileRendering_BecomeCustomStatus()
    {
        var job = Job(persistent: true, JobSource.FromUrl(new Uri("https://media.example/video.mp4")));
        var render = new TaskCompletionSource<IReadOnlyList<JobOutput>>();
        var context = Context(job, render.Task);
        var events = new Queue<TaskCompletionSource<JobProgress>>();
        context.Setup(c => c.WaitForExternalEvent<JobProgress>(ExtractAudioOrchestrator.ProgressEvent, null, default)).Returns(() =>
        {
            var next = new TaskCompletionSource<JobProgress>();
            events.Enqueue(next);
            return next.Task;
        });

        var run = new ExtractAudioOrchestrator().RunAsync(context.Object, job);
        events.Dequeue().SetResult(new JobProgress(JobStage.Extracting, 40));
        events.Dequeue().SetResult(new JobProgress(JobStage.Extracting, 80));
        render.SetResult([Rendered]);
        await run;

        context.Verify(c => c.SetCustomStatus(new JobProgress(JobStage.Extracting, 40)), Times.Once);
        context.Verify(c => c.SetCustomStatus(new JobProgress(JobStage.Extracting, 80)), Times.Once);
        // A URL source has no staged input to delete.
        context.Verify(c => c.CallActivityAsync(nameof(DeleteJobInputActivity), It.IsAny<object>(), It.IsAny<RetryPolicy>()), Times.Never);
    }

    [Fact]
    public async Task Run_RenderFails_DeletesInputAndFails()
    {
        var job = Job(persistent: false);
        var failure = new TaskFailedException(nameof(RenderExtractAudioActivity), 0, new TaskFailureDetails(typeof(FfmpegException).FullName!, "ffmpeg exited with code 1"));
        var context = Context(job, Task.FromException<IReadOnlyList<JobOutput>>(failure));
        context.Setup(c => c.WaitForExternalEvent<JobProgress>(ExtractAudioOrchestrator.ProgressEvent, null, default)).Returns(new TaskCompletionSource<JobProgress>().Task);

        var thrown = await Assert.ThrowsAsync<TaskFailedException>(() => new ExtractAudioOrchestrator().RunAsync(context.Object, job));

        Assert.Same(failure, thrown);
        context.Verify(c => c.CallActivityAsync(nameof(DeleteJobInputActivity), job.Source, RetryPolicies.Storage), Times.Once);
        Assert.Equal("processing_failed", JobError.From(TaskFailureDetails.FromException(thrown)).Code);
    }

    private static readonly JobWebhook Webhook = new("https://receiver.example/hook", "https://api.example/");

    [Fact]
    public async Task Run_WithWebhookRenderSucceeds_NotifiesTheOutputsAndCompletes()
    {
        var job = Job(persistent: false) with { Webhook = Webhook };
        var context = Context(job, Task.FromResult<IReadOnlyList<JobOutput>>([Rendered]));
        context.Setup(c => c.WaitForExternalEvent<JobProgress>(ExtractAudioOrchestrator.ProgressEvent, null, default)).Returns(new TaskCompletionSource<JobProgress>().Task);
        context.Setup(c => c.CallActivityAsync(nameof(NotifyJobEndedActivity), It.IsAny<JobEnd>(), RetryPolicies.Storage)).Returns(Task.CompletedTask);

        var result = await new ExtractAudioOrchestrator().RunAsync(context.Object, job);

        Assert.Equal("https://sas", Assert.Single(result.Outputs).Url);
        context.Verify(c => c.CallActivityAsync(nameof(NotifyJobEndedActivity), new JobEnd("alice-1", "alice", Webhook, result.Outputs, null), RetryPolicies.Storage),
            Times.Once);
    }

    [Fact]
    public async Task Run_WithWebhookRenderFails_NotifiesTheErrorAndStillFails()
    {
        var job = Job(persistent: false) with { Webhook = Webhook };
        var failure = new TaskFailedException(nameof(RenderExtractAudioActivity), 0, new TaskFailureDetails(typeof(FfmpegException).FullName!, "ffmpeg exited with code 1"));
        var context = Context(job, Task.FromException<IReadOnlyList<JobOutput>>(failure));
        context.Setup(c => c.WaitForExternalEvent<JobProgress>(ExtractAudioOrchestrator.ProgressEvent, null, default)).Returns(new TaskCompletionSource<JobProgress>().Task);
        context.Setup(c => c.CallActivityAsync(nameof(NotifyJobEndedActivity), It.IsAny<JobEnd>(), RetryPolicies.Storage)).Returns(Task.CompletedTask);

        var thrown = await Assert.ThrowsAsync<TaskFailedException>(() => new ExtractAudioOrchestrator().RunAsync(context.Object, job));

        Assert.Same(failure, thrown);
        context.Verify(c => c.CallActivityAsync(nameof(NotifyJobEndedActivity),
            It.Is<JobEnd>(end => end.Outputs == null && end.Error!.Code == "processing_failed" && end.Error.Message == "ffmpeg exited with code 1"),
            RetryPolicies.Storage), Times.Once);
    }

    [Fact]
    public async Task Run_WebhookCannotBeScheduled_JobStillCompletes()
    {
        var job = Job(persistent: false) with { Webhook = Webhook };
        var context = Context(job, Task.FromResult<IReadOnlyList<JobOutput>>([Rendered]));
        context.Setup(c => c.WaitForExternalEvent<JobProgress>(ExtractAudioOrchestrator.ProgressEvent, null, default)).Returns(new TaskCompletionSource<JobProgress>().Task);
        context.Setup(c => c.CallActivityAsync(nameof(NotifyJobEndedActivity), It.IsAny<JobEnd>(), RetryPolicies.Storage))
            .Returns(Task.FromException(new TaskFailedException(nameof(NotifyJobEndedActivity), 1, new TaskFailureDetails("Azure.RequestFailedException", "down"))));

        var result = await new ExtractAudioOrchestrator().RunAsync(context.Object, job);

        Assert.Equal("https://sas", Assert.Single(result.Outputs).Url);
    }
}
