using System.Globalization;
using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Keys;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Media.Audio;
using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Media.ExtractAudio;
using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Sources.Pages;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Workflows;
using MediaFunctions.Core.Workflows.Batches;
using MediaFunctions.Core.Workflows.Cleanup;
using MediaFunctions.Core.Workflows.Download;
using MediaFunctions.Core.Workflows.ExtractAudio;
using MediaFunctions.Core.Workflows.Webhooks;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Jobs;

/// <summary>
/// The jobs of the service, as every endpoint (native or dialect) uses them: accept (probe and
/// validate before anything starts), read, list, delete, and resolve stable file links.
/// A job's id is its orchestration's instance id and carries its owner's key id.
/// </summary>
public sealed class MediaJobs(
    IOrchestrationClient orchestrations,
    JobFiles files,
    MediaProber prober,
    SasLinkIssuer links,
    FileLinkSigner signer,
    UrlSourcePolicy urlPolicy,
    WebPageDetector webPages,
    PageMediaResolver pages,
    DownloadSourceResolver downloads,
    JobQueue queue,
    InlineStorageVerifier storageVerifier,
    InlineStorageProtector storageProtector,
    BatchManifestStore batchManifests,
    IOptions<JobOptions> options)
{
    private static readonly TimeSpan ProbeLinkLifetime = TimeSpan.FromMinutes(10);

    /// <summary>A new job id for the key.</summary>
    public static string NewJobId(string keyId) => InstanceIds.NewFor(keyId);

    /// <summary>
    /// Validates the request, checks a URL source against <see cref="UrlSourcePolicy"/>, probes the
    /// input, checks the request against it and starts the job. A staged input is deleted when the
    /// job is refused, so a refused request leaves nothing behind.
    /// </summary>
    /// <param name="fileName">What outputs are named after: the upload's file name; null names them after a URL's last segment or a page's title.</param>
    /// <param name="webhook">Where the job's end is POSTed; its address is held to the rules of URL sources.</param>
    /// <exception cref="InvalidJobInputException">A field is invalid, a URL is not allowed, or the input is not media, has no audio, or is shorter than the start time.</exception>
    public async Task<JobView> StartExtractAudioAsync(string keyId, string jobId, JobSource source, ExtractAudioRequest request,
        bool persistent, string? fileName, JobWebhook? webhook = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await queue.ThrowIfFullAsync(cancellationToken);
            var job = await PrepareExtractAudioAsync(keyId, jobId, source, request, persistent, fileName, webhook, cancellationToken);
            await orchestrations.ScheduleNewOrchestrationInstanceAsync(nameof(ExtractAudioOrchestrator), job, new StartOrchestrationOptions(jobId), cancellationToken);
            queue.Started();
            return (await GetAsync(keyId, jobId, cancellationToken))!;
        }
        catch when (source.InputBlob is not null)
        {
            await files.DeleteAllAsync(keyId, jobId, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Everything <see cref="StartExtractAudioAsync"/> checks and decides before it starts the job: the job as it
    /// would run, or the reason it may not. A batch item is prepared this way when its turn comes.
    /// </summary>
    /// <exception cref="InvalidJobInputException">A field is invalid, a URL is not allowed, or the input is not media, has no audio, or is shorter than the start time.</exception>
    public async Task<ExtractAudioJob> PrepareExtractAudioAsync(string keyId, string jobId, JobSource source, ExtractAudioRequest request,
        bool persistent, string? fileName, JobWebhook? webhook = null, CancellationToken cancellationToken = default)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            throw InvalidJobInputException.InvalidFields(errors);
        }

        if (source.Url is { } url)
        {
            var checkedUrl = await urlPolicy.CheckAsync(url, cancellationToken);
            string? pageTitle = null;
            if (await webPages.IsWebPageAsync(checkedUrl, cancellationToken))
            {
                (source, pageTitle) = await ResolvePageAsync(checkedUrl, cancellationToken);
            }

            fileName ??= pageTitle ?? Path.GetFileName(checkedUrl.AbsolutePath);
        }

        await CheckWebhookAsync(webhook, cancellationToken);
        var probe = await ProbeAsync(keyId, source, cancellationToken);
        CheckDuration(keyId, probe.Duration);
        try
        {
            // Planning is pure: done here it refuses what the render would fail on, before anything starts.
            ExtractAudioPlanner.Plan(request, probe, "input", request.Formats.ToDictionary(f => f, f => $"output.{AudioFormatCatalog.Get(f).Extension}"));
        }
        catch (Media.MediaPlanException planError)
        {
            throw new InvalidJobInputException(planError.Code, planError.Message, planError);
        }

        return new ExtractAudioJob(jobId, keyId, source, request, probe, persistent, OutputBaseName(fileName, "audio"), webhook);
    }

    /// <summary>
    /// Starts a download of <paramref name="url"/> (media, an HLS/DASH stream or a video site's page): validates
    /// the request, applies its defaults and auto-corrections, checks the URL and the webhook against the URL
    /// rules, finds and probes the streams, checks them against the key's caps and plans the output, so what
    /// would fail is refused before anything starts. With <c>wait_for_scheduled</c>, a stream that is not there
    /// yet is accepted and waited for.
    /// </summary>
    /// <exception cref="InvalidJobInputException">A field is invalid, the URL or webhook is not allowed, or the source is not media.</exception>
    /// <exception cref="UnprocessableMediaException">The media is longer than the key's cap, or the request does not fit it (a clip past its end).</exception>
    /// <exception cref="SourceTooLargeException">The source is larger than the key's cap.</exception>
    /// <param name="storage">The caller's own storage for the files: checked with a real write before the job is accepted, then sealed.</param>
    public async Task<JobView> StartDownloadAsync(string keyId, string jobId, string url, DownloadRequest request, bool persistent,
        JobWebhook? webhook = null, InlineStorageRequest? storage = null, CancellationToken cancellationToken = default)
    {
        await queue.ThrowIfFullAsync(cancellationToken);
        var sealedStorage = await SealStorageAsync(storage, cancellationToken);
        try
        {
            var job = await PrepareDownloadAsync(keyId, jobId, url, request, persistent, webhook, sealedStorage, cancellationToken: cancellationToken);
            await orchestrations.ScheduleNewOrchestrationInstanceAsync(nameof(DownloadOrchestrator), job, new StartOrchestrationOptions(jobId), cancellationToken);
        }
        catch when (sealedStorage is not null)
        {
            // Refused: no job will ever drop the key the credentials were sealed under.
            await storageProtector.ForgetAsync(sealedStorage, CancellationToken.None);
            throw;
        }

        queue.Started();
        return (await GetAsync(keyId, jobId, cancellationToken))!;
    }

    /// <summary>The caller's own storage checked with a real write, then sealed for the orchestration; null for none.</summary>
    /// <exception cref="InvalidJobInputException">The storage refused the write or could not be reached.</exception>
    public async Task<ProtectedInlineStorage?> SealStorageAsync(InlineStorageRequest? storage, CancellationToken cancellationToken = default)
    {
        if (storage is null)
        {
            return null;
        }

        await storageVerifier.VerifyAsync(storage, cancellationToken);
        return await storageProtector.ProtectAsync(storage, cancellationToken);
    }

    /// <summary>
    /// Everything <see cref="StartDownloadAsync"/> checks and decides before it starts the job: the job as it
    /// would run, or the reason it may not. A batch item is prepared this way when its turn comes.
    /// </summary>
    /// <param name="title">What the file is named after when the request names none and the source has no title of its own (a feed's episode title).</param>
    /// <exception cref="InvalidJobInputException">A field is invalid, the URL or webhook is not allowed, or the source is not media.</exception>
    /// <exception cref="UnprocessableMediaException">The media is longer than the key's cap, or the request does not fit it.</exception>
    /// <exception cref="SourceTooLargeException">The source is larger than the key's cap.</exception>
    public async Task<DownloadJob> PrepareDownloadAsync(string keyId, string jobId, string url, DownloadRequest request, bool persistent,
        JobWebhook? webhook = null, ProtectedInlineStorage? sealedStorage = null, string? title = null, CancellationToken cancellationToken = default)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            throw InvalidJobInputException.InvalidFields(errors);
        }

        var settings = DownloadSettings.Resolve(request);
        var checkedUrl = await urlPolicy.CheckAsync(url, cancellationToken);
        await CheckWebhookAsync(webhook, cancellationToken);
        var maxBytes = options.Value.MaxSourceBytesFor(keyId);
        DownloadSource? source = null;
        ScheduledStreamWait? wait = null;
        try
        {
            source = await downloads.ResolveAsync(checkedUrl, settings, maxBytes, cancellationToken);
        }
        catch (Exception notYet) when (request.WaitForScheduled && notYet is NoMediaFoundException or InvalidJobInputException { Code: "invalid_media" })
        {
            wait = new ScheduledStreamWait(DateTime.UtcNow + options.Value.ScheduledStreamWait, options.Value.ScheduledStreamPollInterval);
        }

        var corrections = settings.Corrections;
        if (source is not null)
        {
            if (request.Live == true && !source.IsLive)
            {
                throw new UnprocessableMediaException("not_live", "live is set, but the URL is not a live stream (it has an end); leave live out to download it.");
            }

            var longest = options.Value.MaxDurationFor(keyId);
            if (source.IsLive && request.MaxDurationSeconds is null)
            {
                // A live stream has no end of its own: the key's cap is where the recording stops.
                request = request with { MaxDurationSeconds = (int)longest.TotalSeconds };
                corrections = [.. corrections, new DownloadCorrection("max_duration", "none", request.MaxDurationSeconds.Value.ToString(CultureInfo.InvariantCulture),
                    "A live recording stops at the key's longest duration unless max_duration says sooner.")];
            }

            DownloadPlan plan;
            try
            {
                var inputs = source.Probes.Select(probe => new DownloadInput("input", probe)).ToList();
                plan = DownloadPlanner.Plan(settings with { Corrections = corrections }, request, inputs, "output", request.Subtitles ? "subtitles" : null);
            }
            catch (Media.MediaPlanException planError)
            {
                throw new UnprocessableMediaException(planError.Code, planError.Message, planError);
            }

            // What the job writes counts, not what the source holds: a short clip of a long film is a short job.
            CheckDuration(keyId, plan.ExpectedDuration);
            corrections = plan.Corrections;
        }

        var fileName = request.FileName ?? OutputBaseName(source?.Title ?? title ?? Path.GetFileName(checkedUrl.AbsolutePath), "download");
        return new DownloadJob(jobId, keyId, checkedUrl.AbsoluteUri, request, settings, source, corrections, persistent, fileName, maxBytes, wait, webhook, sealedStorage);
    }

    /// <summary>The job, or null when there is none with that id for this key.</summary>
    public async Task<JobView?> GetAsync(string keyId, string jobId, CancellationToken cancellationToken = default)
    {
        if (!InstanceIds.BelongsTo(jobId, keyId))
        {
            return null;
        }

        var metadata = await orchestrations.GetInstanceAsync(jobId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is not null)
        {
            return WorkflowCatalog.JobOrchestrators.Contains(metadata.Name) ? JobView.From(metadata) : null;
        }

        return await GetNotStartedBatchItemAsync(keyId, jobId, cancellationToken);
    }

    // A batch item's job id is handed out when the batch is created; until its turn comes there is no orchestration to read.
    private async Task<JobView?> GetNotStartedBatchItemAsync(string keyId, string jobId, CancellationToken cancellationToken)
    {
        if (BatchItem.BatchIdOf(jobId) is not { } batchId
            || await orchestrations.GetInstanceAsync(batchId, getInputsAndOutputs: true, cancellationToken) is not { Name: nameof(BatchOrchestrator) } batch
            || await batchManifests.GetAsync(keyId, batchId, cancellationToken) is not { } manifest
            || manifest.Items.FirstOrDefault(item => item.JobId == jobId) is not { } item)
        {
            return null;
        }

        return BatchItemJobs.NotStarted(manifest, batch.ReadInputAs<BatchRun>()!.Template, item, BatchStates.Of(batch));
    }

    /// <summary>The job once it has ended, or as it is when <paramref name="wait"/> is up first.</summary>
    public async Task<JobView?> WaitAsync(string keyId, string jobId, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waiting.CancelAfter(wait);
        try
        {
            await orchestrations.WaitForInstanceCompletionAsync(jobId, cancellationToken: waiting.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Still running: answered as it is.
        }

        return await GetAsync(keyId, jobId, cancellationToken);
    }

    /// <summary>One page of the key's jobs, newest first.</summary>
    public async Task<(IReadOnlyList<JobView> Jobs, string? ContinuationToken)> ListAsync(string keyId, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var page = await orchestrations.QueryInstancesAsync(new InstanceQuery
        {
            InstanceIdPrefix = InstanceIds.PrefixFor(keyId),
            PageSize = pageSize,
            ContinuationToken = continuationToken,
            FetchInputsAndOutputs = true,
        }, cancellationToken);
        return ([.. page.Instances.Where(i => WorkflowCatalog.JobOrchestrators.Contains(i.Name)).Select(JobView.From)], page.ContinuationToken);
    }

    /// <summary>Cancels the job if it runs, deletes its files and forgets it; false when there is no such job.</summary>
    public async Task<bool> DeleteAsync(string keyId, string jobId, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(keyId, jobId, cancellationToken) is not { } job)
        {
            return false;
        }

        if (job.State is JobState.Pending or JobState.InProgress)
        {
            await orchestrations.TerminateInstanceAsync(jobId, "The job was deleted.", cancellationToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(30));
            await orchestrations.WaitForInstanceCompletionAsync(jobId, cancellationToken: wait.Token);
        }

        var cleanupId = JobCleanup.InstanceIdFor(jobId);
        var webhookId = WebhookDelivery.InstanceIdFor(jobId);
        string[] stageWebhookIds = [.. DownloadOrchestrator.NotifiedStages.Select(stage => WebhookDelivery.InstanceIdFor(jobId, stage))];
        foreach (var helperId in new[] { cleanupId, webhookId }.Concat(stageWebhookIds))
        {
            if (await orchestrations.GetInstanceAsync(helperId, cancellationToken: cancellationToken) is { IsRunning: true })
            {
                await orchestrations.TerminateInstanceAsync(helperId, "The job was deleted.", cancellationToken);
                await orchestrations.WaitForInstanceCompletionAsync(helperId, cancellationToken: cancellationToken);
            }
        }

        // A download terminated before its activity ran (waiting for a scheduled stream) never dropped the caller's credentials.
        if (await orchestrations.GetInstanceAsync(jobId, getInputsAndOutputs: true, cancellationToken) is { Name: nameof(DownloadOrchestrator) } download
            && download.ReadInputAs<DownloadJob>()?.Storage is { } storage)
        {
            await storageProtector.ForgetAsync(storage, cancellationToken);
        }

        await files.DeleteAllAsync(keyId, jobId, cancellationToken);
        foreach (var stageWebhookId in stageWebhookIds)
        {
            await orchestrations.PurgeInstanceAsync(stageWebhookId, cancellationToken);
        }

        await orchestrations.PurgeInstanceAsync(webhookId, cancellationToken);
        await orchestrations.PurgeInstanceAsync(cleanupId, cancellationToken);
        await orchestrations.PurgeInstanceAsync(jobId, cancellationToken);
        return true;
    }

    /// <summary>A fresh short-lived link for a stable file link's token; null when the token is forged or the file is gone.</summary>
    public async Task<Uri?> ResolveFileLinkAsync(string token, CancellationToken cancellationToken = default)
    {
        if (await signer.VerifyAsync(token, cancellationToken) is not { } blobName || !await files.OutputExistsAsync(blobName, cancellationToken))
        {
            return null;
        }

        return await links.IssueReadLinkAsync(MediaContainers.Outputs, blobName, DateTimeOffset.UtcNow + options.Value.RedirectLinkLifetime,
            Path.GetFileName(blobName), cancellationToken);
    }

    // The page's best audio (or the best stream with audio), with the headers its server wants; files are named after the title.
    private async Task<(JobSource Source, string? FileName)> ResolvePageAsync(Uri page, CancellationToken cancellationToken)
    {
        var media = await pages.ResolveAsync(page, "bestaudio/best", cancellationToken: cancellationToken);
        var format = media.Formats.FirstOrDefault(format => format.HasAudio)
            ?? throw new NoMediaFoundException(page, "the page has video, but no audio.");
        return (new JobSource(null, format.Url.AbsoluteUri, Headers: format.HttpHeaders), media.Title);
    }

    /// <summary>
    /// Refuses a webhook whose receiver the URL rules would never let us reach. Checked again on every
    /// connection of every delivery; here, a receiver that can never be reached is refused up front.
    /// </summary>
    /// <exception cref="InvalidJobInputException">The webhook URL is not allowed.</exception>
    public async Task CheckWebhookAsync(JobWebhook? webhook, CancellationToken cancellationToken = default)
    {
        if (webhook is null)
        {
            return;
        }

        try
        {
            await urlPolicy.CheckAsync(webhook.Url, cancellationToken);
        }
        catch (InvalidJobInputException refused)
        {
            throw new InvalidJobInputException(refused.Code, $"{JobWebhook.Field}: {refused.Message}", refused);
        }
    }

    private void CheckDuration(string keyId, TimeSpan? duration)
    {
        var longest = options.Value.MaxDurationFor(keyId);
        if (duration > longest)
        {
            throw new UnprocessableMediaException("duration_too_long", string.Create(CultureInfo.InvariantCulture,
                $"The media is {duration.Value.TotalSeconds:0} s long; this API key takes media up to {longest.TotalSeconds:0} s."));
        }
    }

    private async Task<MediaProbe> ProbeAsync(string keyId, JobSource source, CancellationToken cancellationToken)
    {
        if (source.Url is not null)
        {
            return await downloads.ProbeAsync(source, options.Value.MaxSourceBytesFor(keyId), cancellationToken);
        }

        var link = await links.IssueReadLinkAsync(MediaContainers.Inputs, source.InputBlob!, DateTimeOffset.UtcNow + ProbeLinkLifetime, cancellationToken: cancellationToken);
        try
        {
            return await prober.ProbeAsync(link.AbsoluteUri, cancellationToken: cancellationToken);
        }
        catch (MediaProbeException probeError)
        {
            throw new InvalidJobInputException("invalid_media", probeError.Message, probeError);
        }
    }

    // Output files are named after the upload, URL or page title (letters, digits, '-', '_' and '.'), else the fallback.
    private static string OutputBaseName(string? fileName, string fallback)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName ?? "");
        var safe = new string([.. stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]).Trim('.', '_');
        return safe.Length is 0 ? fallback : safe[..Math.Min(safe.Length, 100)];
    }
}
