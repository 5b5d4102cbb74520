using MediaFunctions.Core.Workflows.Deletion;
using MediaFunctions.Core.Workflows.Download;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Jobs;

/// <summary>
/// Deletes a key's job: starts its durable deletion (<see cref="JobDeletionOrchestrator"/>) and answers once that has
/// finished or <see cref="JobOptions.DeleteWait"/> is up, whichever is first; what is left finishes in the background.
/// </summary>
public sealed class JobDeleter(IOrchestrationClient orchestrations, JobViews views, IOptions<JobOptions> options)
{
    /// <summary>Starts deleting the job and waits a bounded time for it; false when there is no such job.</summary>
    public async Task<bool> DeleteAsync(string keyId, string jobId, CancellationToken cancellationToken = default)
    {
        if (await views.GetAsync(keyId, jobId, cancellationToken) is null)
        {
            return false;
        }

        var deletionId = JobDeletion.InstanceIdFor(jobId);
        try
        {
            // A download holds the caller's storage credentials; one stopped before its render never dropped them.
            var storage = (await orchestrations.GetInstanceAsync(jobId, getInputsAndOutputs: true, cancellationToken)) is { Name: nameof(DownloadOrchestrator) } download
                ? download.ReadInputAs<DownloadJob>()?.Storage
                : null;
            await orchestrations.ScheduleNewOrchestrationInstanceAsync(nameof(JobDeletionOrchestrator), new JobDeletion(keyId, jobId, storage),
                new StartOrchestrationOptions(deletionId), cancellationToken);
        }
        catch (InstanceExistsException)
        {
            // Deleted once already, still finishing: this request waits for the same deletion.
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(options.Value.DeleteWait);
        try
        {
            await orchestrations.WaitForInstanceCompletionAsync(deletionId, cancellationToken: wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Still stopping a render: the deletion goes on without the request.
        }

        return true;
    }
}
