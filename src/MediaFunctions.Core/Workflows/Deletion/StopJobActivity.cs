using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Deletion;

/// <summary>
/// Terminates a job and the instances it started, where they still run, and waits until each has ended. A render
/// still running for the job sees its end and stops (<see cref="Jobs.JobEndWatch"/>). Idempotent: an instance that
/// does not end within <see cref="EndWait"/> fails the step, and its retry terminates it again.
/// </summary>
public sealed class StopJobActivity(IOrchestrationClient orchestrations) : Activity<string, bool>
{
    private const string Reason = "The job was deleted.";

    private static readonly TimeSpan EndWait = TimeSpan.FromSeconds(30);

    public override async Task<bool> RunAsync(ActivityContext context, string jobId, CancellationToken cancellationToken)
    {
        foreach (var instanceId in new[] { jobId }.Concat(JobDeletion.HelperInstanceIdsOf(jobId)))
        {
            if (await orchestrations.GetInstanceAsync(instanceId, cancellationToken: cancellationToken) is { IsRunning: true })
            {
                await orchestrations.TerminateInstanceAsync(instanceId, Reason, cancellationToken);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(EndWait);
                try
                {
                    await orchestrations.WaitForInstanceCompletionAsync(instanceId, cancellationToken: wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"Instance {instanceId} did not end within {EndWait.TotalSeconds:0} s of its termination.");
                }
            }
        }

        return true;
    }
}
