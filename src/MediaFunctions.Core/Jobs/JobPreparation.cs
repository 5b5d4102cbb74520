using System.Globalization;
using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Media;
using MediaFunctions.Core.Media.Audio;
using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Media.ExtractAudio;
using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Sources.Pages;
using MediaFunctions.Core.Workflows.Download;
using MediaFunctions.Core.Workflows.ExtractAudio;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Jobs;

/// <summary>
/// Everything checked and decided before a job starts: the request's fields, the URL and webhook against the URL
/// rules, the source found and probed, the key's caps, and the plan (pure, so what the render would fail on is
/// refused up front). The result is the job as it will run. <see cref="JobAcceptance"/> starts what this prepares;
/// a batch item is prepared this way when its turn comes.
/// </summary>
public sealed class JobPreparation(
    UrlSourcePolicy urlPolicy,
    ExtractAudioSourceResolver extractSources,
    DownloadSourceResolver downloads,
    InlineStorageVerifier storageVerifier,
    InlineStorageProtector storageProtector,
    TimeProvider clock,
    IOptions<JobOptions> options)
{
    /// <summary>An extract-audio job, as it will run.</summary>
    /// <param name="fileName">What outputs are named after: the upload's file name; null names them after a URL's last segment or a page's title.</param>
    /// <param name="webhook">Where the job's end is POSTed; its address is held to the rules of URL sources.</param>
    /// <exception cref="InvalidJobInputException">A field is invalid, a URL is not allowed, or the input is not media, has no audio, or is shorter than the start time.</exception>
    /// <exception cref="UnprocessableMediaException">The media is longer than the key's cap.</exception>
    public async Task<ExtractAudioJob> PrepareExtractAudioAsync(string keyId, string jobId, JobSource source, ExtractAudioRequest request,
        bool persistent, string? fileName, JobWebhook? webhook = null, CancellationToken cancellationToken = default)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            throw InvalidJobInputException.InvalidFields(errors);
        }

        var checkedUrl = source.Url is { } url ? await urlPolicy.CheckAsync(url, cancellationToken) : null;
        await CheckWebhookAsync(webhook, cancellationToken);
        (source, var probe, var pageTitle) = await extractSources.ResolveAsync(source, checkedUrl, options.Value.MaxSourceBytesFor(keyId), cancellationToken);
        if (checkedUrl is not null)
        {
            fileName ??= pageTitle ?? Path.GetFileName(checkedUrl.AbsolutePath);
        }

        CheckDuration(keyId, probe.Duration);
        try
        {
            ExtractAudioPlanner.Plan(request, probe, "input", request.Formats.ToDictionary(f => f, f => $"output.{AudioFormatCatalog.Get(f).Extension}"));
        }
        catch (MediaPlanException planError)
        {
            throw new InvalidJobInputException(planError.Code, planError.Message, planError);
        }

        return new ExtractAudioJob(jobId, keyId, source, request, probe, persistent, OutputBaseName(fileName, "audio"), webhook);
    }

    /// <summary>
    /// A download of <paramref name="url"/> (media, an HLS/DASH stream or a video site's page), as it will run: the request's
    /// defaults and auto-corrections applied, its streams found and probed and its output planned. With
    /// <c>wait_for_scheduled</c>, a stream that is not there yet becomes a job that waits for it.
    /// </summary>
    /// <param name="sealedStorage">The caller's own storage, from <see cref="SealStorageAsync"/>.</param>
    /// <param name="title">What the file is named after when the request names none and the source has no title of its own (a feed's episode title).</param>
    /// <exception cref="InvalidJobInputException">A field is invalid, the URL or webhook is not allowed, or the source is not media.</exception>
    /// <exception cref="UnprocessableMediaException">The media is longer than the key's cap, or the request does not fit it (a clip past its end).</exception>
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
            wait = new ScheduledStreamWait(clock.GetUtcNow().UtcDateTime + options.Value.ScheduledStreamWait, options.Value.ScheduledStreamPollInterval);
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
            catch (MediaPlanException planError)
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

    // Output files are named after the upload, URL or page title (letters, digits, '-', '_' and '.'), else the fallback.
    private static string OutputBaseName(string? fileName, string fallback)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName ?? "");
        var safe = new string([.. stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]).Trim('.', '_');
        return safe.Length is 0 ? fallback : safe[..Math.Min(safe.Length, 100)];
    }
}
