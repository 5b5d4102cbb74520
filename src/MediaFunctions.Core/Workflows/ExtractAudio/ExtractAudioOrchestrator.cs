using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.ExtractAudio;

/// <summary>
/// Extract audio, as the job was probed and planned when it was accepted: render every format in one ffmpeg run
/// (following its progress in the custom status), publish the files, notify the webhook. The staged input goes as
/// soon as the render no longer needs it, beside publishing, and however the job ends.
/// </summary>
public sealed class ExtractAudioOrchestrator : Orchestrator<ExtractAudioJob, JobResult>
{
    /// <summary>The event the render activity raises with its <see cref="JobProgress"/> (0–99).</summary>
    public const string ProgressEvent = "progress";

    public override Task<JobResult> RunAsync(IOrchestrationContext context, ExtractAudioJob job) => RunJobAsync(context, job);

    /// <summary>The job's whole run, for <see cref="RunAsync"/> and for a batch item that was prepared into this job.</summary>
    public static async Task<JobResult> RunJobAsync(IOrchestrationContext context, ExtractAudioJob job)
    {
        context.SetCustomStatus(new JobProgress(JobStage.Extracting, 0));
        Task? droppingInput = null;
        try
        {
            var rendered = await context.FollowProgressAsync(
                context.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(RenderExtractAudioActivity), job), ProgressEvent, progress =>
                {
                    context.SetCustomStatus(new JobProgress(JobStage.Extracting, Math.Clamp(progress.Progress, 0, 99)));
                    return Task.CompletedTask;
                });
            droppingInput = DropInputAsync(context, job);
            var published = await context.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(PublishJobFilesActivity),
                new JobFilesToPublish(job.KeyId, job.JobId, rendered, job.Persistent), RetryPolicies.Storage);
            await droppingInput;
            context.SetCustomStatus(new JobProgress(JobStage.Completed, 100));
            await NotifyAsync(context, job, published, null);
            return new JobResult(published);
        }
        catch (TaskFailedException failure)
        {
            await NotifyAsync(context, job, null, JobError.From(TaskFailureDetails.FromException(failure)));
            throw;
        }
        finally
        {
            await (droppingInput ?? DropInputAsync(context, job));
        }
    }

    private static Task DropInputAsync(IOrchestrationContext context, ExtractAudioJob job) => job.Source.InputBlob is null
        ? Task.CompletedTask
        : context.CallActivityAsync(nameof(DeleteJobInputActivity), job.Source, RetryPolicies.Storage);

    private static async Task NotifyAsync(IOrchestrationContext context, ExtractAudioJob job, IReadOnlyList<JobOutput>? outputs, JobError? error)
    {
        if (job.Webhook is null)
        {
            return;
        }

        await context.CallBestEffortAsync(nameof(NotifyJobEndedActivity), new JobEnd(job.JobId, job.KeyId, job.Webhook, outputs, error));
    }
}
