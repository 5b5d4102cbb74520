using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Keys;
using MediaFunctions.Core.Media.Audio;
using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Media.ExtractAudio;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Telemetry;
using MediaFunctions.Core.Workflows.Download;
using MediaFunctions.Core.Workflows.ExtractAudio;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Jobs;

/// <summary>
/// Accepts a job for every endpoint (native or dialect): refuses it while the queue is full, prepares it
/// (<see cref="JobPreparation"/>) and starts its orchestration, whose instance id is the job id. A refused request
/// leaves nothing behind: neither its staged input nor the caller's sealed storage credentials. An accepted job is
/// counted and names itself on the request's span, whose trace its orchestration continues.
/// </summary>
public sealed class JobAcceptance(
    IOrchestrationClient orchestrations,
    JobPreparation preparation,
    JobViews views,
    JobQueue queue,
    JobFiles files,
    InlineStorageProtector storageProtector,
    MediaFunctionsMetrics metrics,
    TimeProvider clock)
{
    /// <summary>A new job id for the key; its orchestration's instance id.</summary>
    public string NewJobId(string keyId) => InstanceIds.NewFor(keyId, clock.GetUtcNow());

    /// <summary>Prepares and starts an extract-audio job; see <see cref="JobPreparation.PrepareExtractAudioAsync"/> for what is refused.</summary>
    public async Task<JobView> StartExtractAudioAsync(string keyId, string jobId, JobSource source, ExtractAudioRequest request,
        bool persistent, string? fileName, JobWebhook? webhook = null, CancellationToken cancellationToken = default)
    {
        using var telemetry = ExtractAudioTelemetry(keyId, jobId, request).Enter();
        try
        {
            await queue.ThrowIfFullAsync(cancellationToken);
            var job = await preparation.PrepareExtractAudioAsync(keyId, jobId, source, request, persistent, fileName, webhook, cancellationToken);
            await orchestrations.ScheduleNewOrchestrationInstanceAsync(nameof(ExtractAudioOrchestrator), job, new StartOrchestrationOptions(jobId), cancellationToken);
            queue.Started();
            metrics.JobAccepted(JobKind.ExtractAudio);
            return (await views.GetAsync(keyId, jobId, cancellationToken))!;
        }
        catch when (source.InputBlob is not null)
        {
            await files.DeleteAllAsync(keyId, jobId, CancellationToken.None);
            throw;
        }
    }

    /// <summary>How an extract-audio job names itself in telemetry, from its acceptance (the request's span, the probe) to its render.</summary>
    public static JobTelemetry ExtractAudioTelemetry(string keyId, string jobId, ExtractAudioRequest request) =>
        new(jobId, keyId, JobKind.ExtractAudio, [.. request.Formats.Select(format => AudioFormatCatalog.Get(format).Name)]);

    /// <summary>
    /// Prepares and starts a download; see <see cref="JobPreparation.PrepareDownloadAsync"/> for what is refused.
    /// </summary>
    /// <param name="storage">The caller's own storage for the files: checked with a real write before the job is accepted, then sealed.</param>
    public async Task<JobView> StartDownloadAsync(string keyId, string jobId, string url, DownloadRequest request, bool persistent,
        JobWebhook? webhook = null, InlineStorageRequest? storage = null, CancellationToken cancellationToken = default)
    {
        using var telemetry = new JobTelemetry(jobId, keyId, JobKind.Download).Enter();
        await queue.ThrowIfFullAsync(cancellationToken);
        var sealedStorage = await preparation.SealStorageAsync(storage, cancellationToken);
        try
        {
            var job = await preparation.PrepareDownloadAsync(keyId, jobId, url, request, persistent, webhook, sealedStorage, cancellationToken: cancellationToken);
            await orchestrations.ScheduleNewOrchestrationInstanceAsync(nameof(DownloadOrchestrator), job, new StartOrchestrationOptions(jobId), cancellationToken);
        }
        catch when (sealedStorage is not null)
        {
            // Refused: no job will ever drop the key the credentials were sealed under.
            await storageProtector.ForgetAsync(sealedStorage, CancellationToken.None);
            throw;
        }

        queue.Started();
        metrics.JobAccepted(JobKind.Download);
        return (await views.GetAsync(keyId, jobId, cancellationToken))!;
    }
}
