using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Keys;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Media.Audio;
using MediaFunctions.Core.Media.ExtractAudio;
using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Sources.Egress;
using MediaFunctions.Core.Sources.Pages;
using MediaFunctions.Core.Sources.Relay;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Workflows;
using MediaFunctions.Core.Workflows.Cleanup;
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
    SourceRelay relay,
    GuardedHttpClient web,
    PageMediaResolver pages,
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
            if (request.Validate() is { Count: > 0 } errors)
            {
                throw InvalidJobInputException.InvalidFields(errors);
            }

            if (source.Url is { } url)
            {
                var checkedUrl = await urlPolicy.CheckAsync(url, cancellationToken);
                fileName ??= Path.GetFileName(checkedUrl.AbsolutePath);
                if (await IsWebPageAsync(checkedUrl, cancellationToken))
                {
                    (source, fileName) = await ResolvePageAsync(checkedUrl, cancellationToken);
                }
            }

            if (webhook is not null)
            {
                // Checked again on every connection of every delivery; here, a receiver that can never be reached is refused up front.
                try
                {
                    await urlPolicy.CheckAsync(webhook.Url, cancellationToken);
                }
                catch (InvalidJobInputException refused)
                {
                    throw new InvalidJobInputException(refused.Code, $"{JobWebhook.Field}: {refused.Message}", refused);
                }
            }

            var probe = await ProbeAsync(source, cancellationToken: cancellationToken);
            try
            {
                // Planning is pure: done here it refuses what the render would fail on, before anything starts.
                ExtractAudioPlanner.Plan(request, probe, "input", request.Formats.ToDictionary(f => f, f => $"output.{AudioFormatCatalog.Get(f).Extension}"));
            }
            catch (Media.MediaPlanException planError)
            {
                throw new InvalidJobInputException(planError.Code, planError.Message, planError);
            }

            var job = new ExtractAudioJob(jobId, keyId, source, request, probe, persistent, OutputBaseName(fileName), webhook);
            await orchestrations.ScheduleNewOrchestrationInstanceAsync(nameof(ExtractAudioOrchestrator), job, new StartOrchestrationOptions(jobId), cancellationToken);
            return (await GetAsync(keyId, jobId, cancellationToken))!;
        }
        catch when (source.InputBlob is not null)
        {
            await files.DeleteAllAsync(keyId, jobId, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The job, or null when there is none with that id for this key.</summary>
    public async Task<JobView?> GetAsync(string keyId, string jobId, CancellationToken cancellationToken = default)
    {
        if (!InstanceIds.BelongsTo(jobId, keyId))
        {
            return null;
        }

        var metadata = await orchestrations.GetInstanceAsync(jobId, getInputsAndOutputs: true, cancellationToken);
        return metadata is not null && WorkflowCatalog.JobOrchestrators.Contains(metadata.Name) ? JobView.From(metadata) : null;
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
        foreach (var helperId in new[] { cleanupId, webhookId })
        {
            if (await orchestrations.GetInstanceAsync(helperId, cancellationToken: cancellationToken) is { IsRunning: true })
            {
                await orchestrations.TerminateInstanceAsync(helperId, "The job was deleted.", cancellationToken);
                await orchestrations.WaitForInstanceCompletionAsync(helperId, cancellationToken: cancellationToken);
            }
        }

        await files.DeleteAllAsync(keyId, jobId, cancellationToken);
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

    // A web page, not media: what its video site plays is found by yt-dlp.
    private async Task<bool> IsWebPageAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 0);
        try
        {
            using var response = await web.SendAsync(request, cancellationToken);
            return response.Content.Headers.ContentType?.MediaType is "text/html" or "application/xhtml+xml";
        }
        catch (HttpRequestException)
        {
            // Unreachable: the probe says so in its own words.
            return false;
        }
    }

    // The page's best audio (or the best stream with audio), with the headers its server wants; files are named after the title.
    private async Task<(JobSource Source, string? FileName)> ResolvePageAsync(Uri page, CancellationToken cancellationToken)
    {
        var media = await pages.ResolveAsync(page, "bestaudio/best", cancellationToken);
        var format = media.Formats.FirstOrDefault(format => format.HasAudio)
            ?? throw new NoMediaFoundException(page, "the page has video, but no audio.");
        return (new JobSource(null, format.Url.AbsoluteUri, Headers: format.HttpHeaders), media.Title);
    }

    private async Task<MediaProbe> ProbeAsync(JobSource source, CancellationToken cancellationToken)
    {
        try
        {
            if (source.Url is null)
            {
                var link = await links.IssueReadLinkAsync(MediaContainers.Inputs, source.InputBlob!, DateTimeOffset.UtcNow + ProbeLinkLifetime, cancellationToken: cancellationToken);
                return await prober.ProbeAsync(link.AbsoluteUri, cancellationToken: cancellationToken);
            }

            using var relayed = relay.Register(new Uri(source.Url), originHeaders: source.Headers);
            return await relayed.ReadAsync(() => prober.ProbeAsync(relayed.Url.AbsoluteUri, SourceRelay.FfmpegInputArguments, cancellationToken));
        }
        catch (MediaProbeException probeError)
        {
            throw new InvalidJobInputException("invalid_media", probeError.Message, probeError);
        }
    }

    // Output files are named after the upload (letters, digits, '-', '_' and '.'), else "audio".
    private static string OutputBaseName(string? fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName ?? "");
        var safe = new string([.. stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]).Trim('.', '_');
        return safe.Length is 0 ? "audio" : safe[..Math.Min(safe.Length, 100)];
    }
}
