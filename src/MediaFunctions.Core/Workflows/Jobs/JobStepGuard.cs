using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Telemetry;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Jobs;

/// <summary>
/// Runs a step of a job that writes files (render, side files, publish) so that a job which ends without it — deleted
/// or terminated while the step ran — keeps nothing the step wrote: the step's token is cancelled when the job ends
/// (<see cref="JobEndWatch"/>), and whatever ended it, the job's files and the caller's storage credentials go.
/// Every step names its job and key id on the span it runs in.
/// </summary>
public sealed class JobStepGuard(IOrchestrationClient orchestrations, JobFiles files, InlineStorageProtector storageProtector, TimeProvider clock)
{
    /// <summary>
    /// <see cref="RunAsync{T}"/> for a step that works on local files: <paramref name="step"/> gets a fresh folder of
    /// its own, deleted with everything in it when the step ends, however it ends.
    /// </summary>
    public async Task<T> RunInScratchFolderAsync<T>(ActivityContext context, string keyId, string jobId, ProtectedInlineStorage? storage,
        Func<string, CancellationToken, Task<T>> step, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("mediafunctions-");
        try
        {
            return await RunAsync(context, keyId, jobId, storage, token => step(folder.FullName, token), cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Runs <paramref name="step"/> with a token that is cancelled when the job ends or the activity is cancelled.</summary>
    /// <param name="storage">The caller's storage the job writes to, whose credentials an ended job drops.</param>
    /// <exception cref="OperationCanceledException">The job ended while the step ran; its files are deleted.</exception>
    public async Task<T> RunAsync<T>(ActivityContext context, string keyId, string jobId, ProtectedInlineStorage? storage,
        Func<CancellationToken, Task<T>> step, CancellationToken cancellationToken)
    {
        System.Diagnostics.Activity.Current?.SetTag(TelemetryTags.JobId, jobId).SetTag(TelemetryTags.KeyId, keyId);
        await using var watch = new JobEndWatch(orchestrations, context.InstanceId, clock, cancellationToken);
        try
        {
            var result = await step(watch.Token);
            // The job may have ended after the watch's last look: its files were deleted before these were written.
            if (!await watch.IsJobLiveAsync(cancellationToken))
            {
                throw new OperationCanceledException($"Job {jobId} ended while {context.Name} ran.");
            }

            return result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await files.DeleteAllAsync(keyId, jobId, CancellationToken.None);
            if (storage is not null)
            {
                await storageProtector.ForgetAsync(storage, CancellationToken.None);
            }

            throw;
        }
    }
}
