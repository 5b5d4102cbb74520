using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.ExtractAudio;

/// <summary>
/// Extract audio: render and publish every format in one activity, then drop the staged input,
/// however the job ends; a job with a webhook schedules its delivery as it completes or fails.
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
        try
        {
            var rendering = context.CallActivityAsync<IReadOnlyList<JobOutput>>(nameof(ExtractAudioActivity), job);
            // Progress arrives as events while the render runs; the loop ends with the render.
            while (true)
            {
                var progress = context.WaitForExternalEvent<JobProgress>(ProgressEvent);
                if (await Task.WhenAny(rendering, progress) == rendering)
                {
                    break;
                }

                context.SetCustomStatus(new JobProgress(JobStage.Extracting, Math.Clamp((await progress).Progress, 0, 99)));
            }

            var published = await rendering;
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
            if (job.Source.InputBlob is not null)
            {
                await context.CallActivityAsync(nameof(DeleteJobInputActivity), job.Source, RetryPolicies.Storage);
            }
        }
    }

    private static async Task NotifyAsync(IOrchestrationContext context, ExtractAudioJob job, IReadOnlyList<JobOutput>? outputs, JobError? error)
    {
        if (job.Webhook is null)
        {
            return;
        }

        await context.CallBestEffortAsync(nameof(NotifyJobEndedActivity), new JobEnd(job.JobId, job.KeyId, job.Webhook, outputs, error));
    }
}
