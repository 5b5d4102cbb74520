using MediaFunctions.Core.Jobs;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Jobs;

/// <summary>How an orchestrator follows the <see cref="JobProgress"/> events a running step raises (<see cref="JobProgressReporter"/>).</summary>
public static class JobProgressEvents
{
    /// <summary>Awaits <paramref name="step"/>, handing every progress event that arrives meanwhile to <paramref name="onProgress"/>.</summary>
    public static async Task<T> FollowProgressAsync<T>(this IOrchestrationContext context, Task<T> step, string eventName, Func<JobProgress, Task> onProgress)
    {
        while (true)
        {
            var progress = context.WaitForExternalEvent<JobProgress>(eventName);
            if (await Task.WhenAny(step, progress) == step)
            {
                return await step;
            }

            await onProgress(await progress);
        }
    }
}
