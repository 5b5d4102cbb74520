using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Sources.Egress;
using MediaFunctions.Core.Sources.Pages;
using MediaFunctions.Core.Sources.Relay;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Workflows.Cleanup;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Workflows.Download;

/// <summary>
/// Downloads: one ffmpeg run reads the source through the relay (bounded range requests, every address
/// checked) and writes the file and any embedded subtitle tracks as WebVTT into a fresh local folder; a
/// page's own subtitles and thumbnail are fetched (or a frame is taken); then every file is uploaded, linked,
/// and for jobs that are not persistent its deletion is scheduled. Idempotent: a re-run overwrites the files.
/// </summary>
public sealed class DownloadActivity(
    FfmpegRunner ffmpeg,
    MediaProber prober,
    JobOutputPublisher publisher,
    JobCleanupScheduler cleanups,
    JobFiles files,
    SourceRelay relay,
    GuardedHttpClient web,
    InlineStorageWriter inlineStorage,
    InlineStorageProtector storageProtector,
    IOrchestrationClient orchestrations,
    TimeProvider clock,
    IOptions<JobOptions> options) : Activity<DownloadJob, IReadOnlyList<JobOutput>>
{
    /// <summary>The largest subtitle or thumbnail file fetched from a page.</summary>
    public const long MaxSideFileBytes = 10 * 1024 * 1024;

    private const int MaxPageSubtitleLanguages = 20;

    public override async Task<IReadOnlyList<JobOutput>> RunAsync(ActivityContext context, DownloadJob job, CancellationToken cancellationToken)
    {
        var source = job.Source ?? throw new InvalidOperationException($"Job {job.JobId} has no source yet.");
        var relayed = source.Streams.Select(stream => relay.Register(new Uri(stream.Url!), job.MaxSourceBytes, stream.Headers)).ToList();
        var folder = Directory.CreateTempSubdirectory("mediafunctions-");
        await using var watch = new JobEndWatch(orchestrations, context.InstanceId, clock, cancellationToken);
        try
        {
            var container = job.Settings.Container;
            var outputPath = Path.Combine(folder.FullName, $"{job.FileBaseName}.{container.Extension}");
            var subtitleFolder = job.Request.Subtitles ? Directory.CreateDirectory(Path.Combine(folder.FullName, "subtitles")).FullName : null;
            var plan = DownloadPlanner.Plan(job.Settings, job.Request, DownloadSourceResolver.Inputs(relayed, source.Probes), outputPath, subtitleFolder,
                job.Threads);

            var stage = source.IsLive ? JobStage.Recording : plan.Encodes ? JobStage.Processing : JobStage.Downloading;
            var progress = new JobProgressReporter(orchestrations, context.InstanceId, DownloadOrchestrator.ProgressEvent, stage, clock);
            await progress.EnterStageAsync(stage, 0);
            var timeout = plan.ExpectedDuration is { } length && source.IsLive
                ? length + options.Value.RenderTimeout
                : options.Value.RenderTimeout;
            // Our own storage takes the file while ffmpeg writes it; the caller's gets it once it is done.
            var mediaFileName = Path.GetFileName(outputPath);
            var mediaBlob = MediaContainers.OutputBlob(job.KeyId, job.JobId, RelativeName(job, mediaFileName));
            await using var streaming = job.Storage is null
                ? publisher.StartUpload(mediaBlob, outputPath, container.MimeType, job.Persistent, watch.Token)
                : null;
            await SourceRelayRegistration.ReadAsync(relayed, async () =>
            {
                await ffmpeg.RunAsync(plan.Arguments,
                    new FfmpegRunOptions { ExpectedDuration = plan.ExpectedDuration, Progress = progress, Timeout = timeout }, watch.Token);
                return true;
            });

            var committing = streaming?.CommitAsync(watch.Token) ?? Task.CompletedTask;
            var subtitles = plan.Subtitles.Where(subtitle => new FileInfo(subtitle.Path).Length > 0).ToList();
            if (subtitleFolder is not null)
            {
                subtitles.AddRange(await FetchPageSubtitlesAsync(source.Subtitles, subtitles, subtitleFolder, watch.Token));
            }

            var probing = prober.ProbeAsync(outputPath, cancellationToken: watch.Token);
            await Task.WhenAll(committing, probing);
            var media = await probing;
            var thumbnail = job.Request.Thumbnail ? await ThumbnailAsync(source, media, outputPath, folder.FullName, watch.Token) : null;

            await progress.EnterStageAsync(JobStage.Uploading, 99);
            var outputs = new List<JobOutput>
            {
                MediaOutput(media, plan, streaming is null
                    ? await UploadAsync(job, outputPath, mediaFileName, container.Name, container.MimeType, JobOutput.MediaRole, watch.Token)
                    : new JobOutput(container.Name, mediaBlob, mediaFileName, container.MimeType, new FileInfo(outputPath).Length, 0, "", false, Role: JobOutput.MediaRole)),
            };
            foreach (var subtitle in subtitles)
            {
                var fileName = $"{job.FileBaseName}.{subtitle.Language}.vtt";
                outputs.Add(await UploadAsync(job, subtitle.Path, fileName, "vtt", "text/vtt", JobOutput.SubtitlesRole, watch.Token) with { Language = subtitle.Language });
            }

            if (thumbnail is { } picture)
            {
                var extension = Path.GetExtension(picture.Path).TrimStart('.');
                outputs.Add(await UploadAsync(job, picture.Path, $"{job.FileBaseName}.{extension}", extension, picture.MimeType, JobOutput.ThumbnailRole, watch.Token));
            }

            // Files in the caller's own storage came back with their links; ours get theirs now.
            var published = job.Storage is null ? await publisher.LinkAsync(outputs, job.Persistent, watch.Token) : outputs;
            if (!job.Persistent && job.Storage is null)
            {
                await cleanups.ScheduleAsync(new JobCleanup(job.KeyId, job.JobId, published.Max(output => output.ExpiresAt!.Value)), watch.Token);
            }

            // The job may have been deleted after the last poll: its files were deleted before these were written.
            if (!await watch.IsJobLiveAsync(cancellationToken))
            {
                throw new OperationCanceledException($"Job {job.JobId} ended while it was downloading.");
            }

            return published;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Ended without us (terminated or deleted): nothing of it may stay behind, its storage credentials included.
            await files.DeleteAllAsync(job.KeyId, job.JobId, CancellationToken.None);
            if (job.Storage is { } storage)
            {
                await storageProtector.ForgetAsync(storage, CancellationToken.None);
            }
            throw;
        }
        finally
        {
            relayed.ForEach(registration => registration.Dispose());
            folder.Delete(recursive: true);
        }
    }

    private static JobOutput MediaOutput(MediaProbe media, DownloadPlan plan, JobOutput uploaded)
    {
        var video = media.VideoStreams.FirstOrDefault();
        var audio = media.PrimaryAudioStream;
        return uploaded with
        {
            DurationSeconds = Math.Round((media.Duration ?? TimeSpan.Zero).TotalSeconds, 3),
            Codec = audio?.CodecName ?? "none",
            StreamCopied = !plan.Encodes,
            VideoCodec = video?.CodecName,
            Width = video?.Width,
            Height = video?.Height,
        };
    }

    private static string RelativeName(DownloadJob job, string fileName) =>
        job.Request.Folder is { } prefix ? $"{prefix.TrimEnd('/', '\\')}/{fileName}" : fileName;

    private async Task<JobOutput> UploadAsync(DownloadJob job, string path, string fileName, string format, string mimeType, string role,
        CancellationToken cancellationToken)
    {
        var relativeName = RelativeName(job, fileName);
        if (job.Storage is { } storage)
        {
            var stored = await inlineStorage.UploadAsync(storage, relativeName, path, mimeType, options.Value.LinkLifetime, cancellationToken);
            return new JobOutput(format, "", fileName, mimeType, new FileInfo(path).Length, 0, "", false, stored.ReadUrl.AbsoluteUri, stored.ExpiresAt,
                Role: role, StorageLocation: stored.Location);
        }

        var blobName = MediaContainers.OutputBlob(job.KeyId, job.JobId, relativeName);
        await publisher.UploadAsync(blobName, path, mimeType, job.Persistent, cancellationToken);
        return new JobOutput(format, blobName, fileName, mimeType, new FileInfo(path).Length, 0, "", false, Role: role);
    }

    // A page's subtitle tracks in languages the media did not carry: WebVTT as served, SRT and ASS converted to it.
    private async Task<IReadOnlyList<PlannedSubtitle>> FetchPageSubtitlesAsync(IReadOnlyList<PageSubtitle> offered, IReadOnlyList<PlannedSubtitle> embedded,
        string folder, CancellationToken cancellationToken)
    {
        var fetched = new List<PlannedSubtitle>();
        var preference = new[] { "vtt", "srt", "ass" };
        var byLanguage = offered
            .Where(track => preference.Contains(track.Extension) && track.Language.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && track.Language.Length <= 16)
            .GroupBy(track => track.Language)
            .Where(language => embedded.All(subtitle => subtitle.Language != language.Key))
            .Take(MaxPageSubtitleLanguages);
        foreach (var language in byLanguage)
        {
            var track = language.OrderBy(candidate => Array.IndexOf(preference, candidate.Extension)).First();
            var vtt = Path.Combine(folder, $"{language.Key}.vtt");
            try
            {
                if (track.Extension == "vtt")
                {
                    await FetchAsync(track.Url, vtt, cancellationToken);
                }
                else
                {
                    var original = Path.Combine(folder, $"{language.Key}.{track.Extension}");
                    await FetchAsync(track.Url, original, cancellationToken);
                    await ffmpeg.RunAsync(["-hide_banner", "-nostats", "-loglevel", "warning", "-y", "-i", original, "-c:s", "webvtt", "-f", "webvtt", vtt],
                        cancellationToken: cancellationToken);
                }

                fetched.Add(new PlannedSubtitle(language.Key, vtt));
            }
            catch (Exception unusable) when (unusable is HttpRequestException or UploadTooLargeException or FfmpegException)
            {
                // NOTE: one track the page lists but does not serve (or serves broken) costs that track, not the download.
            }
        }

        return fetched;
    }

    // The page's thumbnail (JPEG, PNG or WebP), else a frame a tenth of the way in (at most 10 s); null for audio without a page picture.
    private async Task<(string Path, string MimeType)?> ThumbnailAsync(DownloadSource source, MediaProbe media, string mediaPath, string folder,
        CancellationToken cancellationToken)
    {
        if (source.ThumbnailUrl is { } url)
        {
            var fetched = Path.Combine(folder, "thumbnail");
            string? mimeType;
            try
            {
                mimeType = await FetchAsync(url, fetched, cancellationToken);
            }
            catch (Exception unusable) when (unusable is HttpRequestException or UploadTooLargeException)
            {
                // A frame of the video stands in for a thumbnail the page lists but does not serve.
                mimeType = null;
            }

            var extension = mimeType switch
            {
                "image/png" => "png",
                "image/webp" => "webp",
                "image/jpeg" => "jpg",
                _ => null,
            };
            if (extension is not null)
            {
                File.Move(fetched, $"{fetched}.{extension}");
                return ($"{fetched}.{extension}", mimeType!);
            }
        }

        if (!media.VideoStreams.Any())
        {
            return null;
        }

        var at = TimeSpan.FromTicks(Math.Min(((media.Duration ?? TimeSpan.Zero) / 10).Ticks, TimeSpan.FromSeconds(10).Ticks));
        var frame = Path.Combine(folder, "thumbnail.jpg");
        await ffmpeg.RunAsync(DownloadPlanner.ThumbnailArguments(mediaPath, at, frame), cancellationToken: cancellationToken);
        return (frame, "image/jpeg");
    }

    // Fetches a small file through the guarded client, refusing more than MaxSideFileBytes; returns its content type.
    private async Task<string?> FetchAsync(Uri url, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await web.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var file = File.Create(path);
        await new SizeLimitedStream(body, MaxSideFileBytes).CopyToAsync(file, cancellationToken);
        return response.Content.Headers.ContentType?.MediaType;
    }
}
