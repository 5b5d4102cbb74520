using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Download;

/// <summary>
/// A download, as it was resolved, probed and planned when it was accepted: wait for a scheduled stream (a durable
/// timer between looks, no thread held), render (following its stages in the custom status), the page's subtitles
/// and the thumbnail, publish, notify. With <c>progress_webhooks</c> every stage the job enters is POSTed too; the
/// webhook hears the end however the job ends, and the caller's storage credentials, when the job writes there, are
/// dropped (<see cref="ForgetInlineStorageActivity"/>).
/// </summary>
public sealed class DownloadOrchestrator : Orchestrator<DownloadJob, JobResult>
{
    /// <summary>The event the render activity raises with its <see cref="JobProgress"/>.</summary>
    public const string ProgressEvent = "progress";

    /// <summary>The stages a download can enter before it ends, each told by a progress webhook.</summary>
    public static IReadOnlyList<string> NotifiedStages { get; } =
        [JobStage.Waiting, JobStage.Downloading, JobStage.Processing, JobStage.Recording, JobStage.Uploading];

    public override Task<JobResult> RunAsync(IOrchestrationContext context, DownloadJob job) => RunJobAsync(context, job);

    /// <summary>The job's whole run, for <see cref="RunAsync"/> and for a batch item that was prepared into this job.</summary>
    public static async Task<JobResult> RunJobAsync(IOrchestrationContext context, DownloadJob job)
    {
        try
        {
            if (job.Source is null)
            {
                job = job with { Source = await WaitForStreamAsync(context, job) };
            }

            var stage = JobStage.Queued;
            var rendered = await context.FollowProgressAsync(
                context.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(RenderDownloadActivity), job), ProgressEvent, async reported =>
                {
                    context.SetCustomStatus(reported with { Progress = Math.Clamp(reported.Progress, 0, 99) });
                    if (reported.Stage != stage)
                    {
                        stage = reported.Stage;
                        await NotifyStageAsync(context, job, stage);
                    }
                });

            context.SetCustomStatus(new JobProgress(JobStage.Uploading, 99));
            await NotifyStageAsync(context, job, JobStage.Uploading);
            List<JobOutput> files = [.. rendered];
            var sideFiles = new DownloadSideFiles(job, rendered);
            if (job.Request.Subtitles && job.Source.Subtitles.Count > 0)
            {
                files.AddRange(await context.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(FetchPageSubtitlesActivity), sideFiles, RetryPolicies.Storage));
            }

            if (job.Request.Thumbnail && await context.CallActivityAsync<JobOutput?>(nameof(MakeThumbnailActivity), sideFiles) is { } thumbnail)
            {
                files.Add(thumbnail);
            }

            var published = await context.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(PublishJobFilesActivity),
                new JobFilesToPublish(job.KeyId, job.JobId, files, job.Persistent, job.Storage), RetryPolicies.Storage);
            context.SetCustomStatus(new JobProgress(JobStage.Completed, 100));
            await NotifyEndAsync(context, job, published, null);
            return new JobResult(published);
        }
        catch (Exception failure) when (failure is TaskFailedException or StreamNotStartedException)
        {
            var error = failure is TaskFailedException taskFailure
                ? JobError.From(TaskFailureDetails.FromException(taskFailure))
                : new JobError(StreamNotStartedException.Code, failure.Message);
            await NotifyEndAsync(context, job, null, error);
            throw;
        }
        finally
        {
            if (job.Storage is { } storage)
            {
                await context.CallBestEffortAsync(nameof(ForgetInlineStorageActivity), storage);
            }
        }
    }

    private static async Task<DownloadSource> WaitForStreamAsync(IOrchestrationContext context, DownloadJob job)
    {
        var wait = job.Wait ?? throw new InvalidOperationException($"Job {job.JobId} has neither a source nor a wait.");
        context.SetCustomStatus(new JobProgress(JobStage.Waiting, 0));
        await NotifyStageAsync(context, job, JobStage.Waiting);
        while (true)
        {
            if (await context.CallActivityAsync<DownloadSource?>(nameof(ResolveDownloadSourceActivity), job) is { } source)
            {
                return source;
            }

            var next = context.CurrentUtcDateTime + wait.PollInterval;
            if (next > wait.Until)
            {
                throw new StreamNotStartedException($"The stream at {job.Url} did not start by {wait.Until:u}.");
            }

            await context.CreateTimer(next);
        }
    }

    private static async Task NotifyStageAsync(IOrchestrationContext context, DownloadJob job, string stage)
    {
        if (job.Webhook is { } webhook && job.Request.ProgressWebhooks)
        {
            await context.CallBestEffortAsync(nameof(NotifyJobStageActivity), new JobStageReached(job.JobId, job.KeyId, webhook, stage));
        }
    }

    private static async Task NotifyEndAsync(IOrchestrationContext context, DownloadJob job, IReadOnlyList<JobOutput>? outputs, JobError? error)
    {
        if (job.Webhook is { } webhook)
        {
            await context.CallBestEffortAsync(nameof(NotifyJobEndedActivity), new JobEnd(job.JobId, job.KeyId, webhook, outputs, error));
        }
    }
}
