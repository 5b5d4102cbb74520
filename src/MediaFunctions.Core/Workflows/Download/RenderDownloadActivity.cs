using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Sources.Relay;
using MediaFunctions.Core.Telemetry;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Workflows.Download;

/// <summary>
/// The render step of a download: one ffmpeg run reads the source through the relay (bounded range requests, every
/// address checked) and writes the file and any embedded subtitle tracks as WebVTT into a fresh local folder. Our
/// storage takes the file while ffmpeg writes it (no second pass over it); the caller's gets it once it is done.
/// Returns the stored files, the media first, not yet linked. Idempotent: a re-run overwrites the files.
/// </summary>
public sealed class RenderDownloadActivity(
    FfmpegRunner ffmpeg,
    MediaProber prober,
    JobOutputPublisher publisher,
    DownloadFileStore store,
    SourceRelay relay,
    JobStepGuard guard,
    IOrchestrationClient orchestrations,
    TimeProvider clock,
    IOptions<JobOptions> options) : Activity<DownloadJob, IReadOnlyList<JobOutput>>
{
    public override async Task<IReadOnlyList<JobOutput>> RunAsync(ActivityContext context, DownloadJob job, CancellationToken cancellationToken)
    {
        using var telemetry = new JobTelemetry(job.JobId, job.KeyId, JobKind.Download).Enter();
        var source = job.Source ?? throw new InvalidOperationException($"Job {job.JobId} has no source yet.");
        var whole = job.Request.ClipStartSeconds is null && job.Request.ClipEndSeconds is null;
        var relayed = source.Streams.Select(stream => relay.Register(new Uri(stream.Url!), job.MaxSourceBytes, stream.Headers, whole)).ToList();
        try
        {
            return await guard.RunInScratchFolderAsync(context, job.KeyId, job.JobId, job.Storage,
                (folder, token) => RenderAsync(context, job, source, relayed, folder, token), cancellationToken);
        }
        finally
        {
            relayed.ForEach(registration => registration.Dispose());
        }
    }

    private async Task<IReadOnlyList<JobOutput>> RenderAsync(ActivityContext context, DownloadJob job, DownloadSource source,
        IReadOnlyList<SourceRelayRegistration> relayed, string folder, CancellationToken cancellationToken)
    {
        var container = job.Settings.Container;
        var outputPath = Path.Combine(folder, $"{job.FileBaseName}.{container.Extension}");
        var subtitleFolder = job.Request.Subtitles ? Directory.CreateDirectory(Path.Combine(folder, "subtitles")).FullName : null;
        var plan = DownloadPlanner.Plan(job.Settings, job.Request, DownloadSourceResolver.Inputs(relayed, source.Probes), outputPath, subtitleFolder, job.Threads);

        var stage = source.IsLive ? JobStage.Recording : plan.Encodes ? JobStage.Processing : JobStage.Downloading;
        var progress = new JobProgressReporter(orchestrations, context.InstanceId, DownloadOrchestrator.ProgressEvent, stage, clock);
        await progress.EnterStageAsync(stage, 0);
        var timeout = plan.ExpectedDuration is { } length && source.IsLive ? length + options.Value.RenderTimeout : options.Value.RenderTimeout;
        var mediaFileName = Path.GetFileName(outputPath);
        var mediaBlob = DownloadFileStore.OutputBlob(job, mediaFileName);
        await using var streaming = job.Storage is null
            ? publisher.StartUpload(mediaBlob, outputPath, container.MimeType, job.Persistent, cancellationToken)
            : null;
        await SourceRelayRegistration.ReadAsync(relayed, async () =>
        {
            await ffmpeg.RunAsync(plan.Arguments, new FfmpegRunOptions
            {
                ExpectedDuration = plan.ExpectedDuration,
                Progress = progress,
                Timeout = timeout,
                // A copy stored while it is written goes at its upload's pace: ffmpeg leaves the CPU to the staging.
                BelowHostPriority = streaming is not null && !plan.Encodes,
            }, cancellationToken);
            return true;
        });

        var committing = streaming?.CommitAsync(cancellationToken) ?? Task.CompletedTask;
        var probing = prober.ProbeAsync(outputPath, cancellationToken: cancellationToken);
        await Task.WhenAll(committing, probing);
        var media = MediaOutput(await probing, plan, streaming is null
            ? await store.StoreAsync(job, outputPath, mediaFileName, container.Name, container.MimeType, JobOutput.MediaRole, cancellationToken)
            : new JobOutput(container.Name, mediaBlob, mediaFileName, container.MimeType, new FileInfo(outputPath).Length, 0, "", false, Role: JobOutput.MediaRole));

        var outputs = new List<JobOutput> { media };
        foreach (var subtitle in plan.Subtitles.Where(subtitle => new FileInfo(subtitle.Path).Length > 0))
        {
            var stored = await store.StoreAsync(job, subtitle.Path, $"{job.FileBaseName}.{subtitle.Language}.vtt", "vtt", "text/vtt", JobOutput.SubtitlesRole,
                cancellationToken);
            outputs.Add(stored with { Language = subtitle.Language });
        }

        return outputs;
    }

    private static JobOutput MediaOutput(MediaProbe media, DownloadPlan plan, JobOutput stored)
    {
        var video = media.VideoStreams.FirstOrDefault();
        var audio = media.PrimaryAudioStream;
        return stored with
        {
            DurationSeconds = Math.Round((media.Duration ?? TimeSpan.Zero).TotalSeconds, 3),
            Codec = audio?.CodecName ?? "none",
            StreamCopied = !plan.Encodes,
            VideoCodec = video?.CodecName,
            Width = video?.Width,
            Height = video?.Height,
        };
    }
}
