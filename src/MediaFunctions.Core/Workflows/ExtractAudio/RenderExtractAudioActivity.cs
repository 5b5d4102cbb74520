using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Media.Audio;
using MediaFunctions.Core.Media.ExtractAudio;
using MediaFunctions.Core.Sources.Relay;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Telemetry;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Workflows.ExtractAudio;

/// <summary>
/// The render step of extract audio: every requested format from the input in one ffmpeg run into a fresh local
/// folder, then each file into the outputs container. Returns the stored files, not yet linked
/// (<see cref="PublishJobFilesActivity"/> does that). Idempotent: a re-run overwrites the files. Its span carries the
/// job (<see cref="JobTelemetry"/>) and the bytes read (an upload's size, or what the relay fetched) and written.
/// </summary>
public sealed class RenderExtractAudioActivity(
    ExtractAudioExecutor executor,
    MediaProber prober,
    SasLinkIssuer links,
    JobOutputPublisher publisher,
    SourceRelay relay,
    JobStepGuard guard,
    IOrchestrationClient orchestrations,
    TimeProvider clock,
    IOptions<JobOptions> options) : Activity<ExtractAudioJob, IReadOnlyList<JobOutput>>
{
    public override async Task<IReadOnlyList<JobOutput>> RunAsync(ActivityContext context, ExtractAudioJob job, CancellationToken cancellationToken)
    {
        using var telemetry = JobAcceptance.ExtractAudioTelemetry(job.KeyId, job.JobId, job.Request).Enter();
        var renderTimeout = options.Value.RenderTimeout;
        // A URL is read through the relay: bounded range requests, every address checked; the whole audio reads ahead freely.
        using var relayed = job.Source.Url is { } url ? relay.Register(new Uri(url), originHeaders: job.Source.Headers, wholeSource: job.Request.FullAudio) : null;
        // An upload's audio split holds the same audio packets as the upload, in a fraction of the bytes.
        ExtractAudioInput input = job.Source switch
        {
            { Url: not null } => new ExtractAudioInput(relayed!.Url.AbsoluteUri, [.. relayed.FfmpegInputArguments, .. job.Probe.AnalysisArguments]),
            { AudioBlob: { } audioBlob } => new ExtractAudioInput(await ReadLinkAsync(audioBlob, renderTimeout, cancellationToken),
                AudioIndex: job.Probe.AudioStreams.ToList().IndexOf(job.Probe.PrimaryAudioStream!)),
            _ => new ExtractAudioInput(await ReadLinkAsync(job.Source.InputBlob!, renderTimeout, cancellationToken)),
        };
        return await guard.RunInScratchFolderAsync(context, job.KeyId, job.JobId, null, async (folder, token) =>
        {
            var outputPaths = job.Request.Formats.ToDictionary(
                format => format, format => Path.Combine(folder, $"{job.FileBaseName}.{AudioFormatCatalog.Get(format).Extension}"));
            var plan = ExtractAudioPlanner.Plan(job.Request, job.Probe, input, outputPaths);
            var progress = new JobProgressReporter(orchestrations, context.InstanceId, ExtractAudioOrchestrator.ProgressEvent, JobStage.Extracting, clock);
            Task<IReadOnlyList<ExtractedAudioFile>> Render() => executor.ExecuteAsync(plan, progress, renderTimeout, token);
            var rendered = relayed is null ? await Render() : await relayed.ReadAsync(Render);
            if (relayed is null)
            {
                System.Diagnostics.Activity.Current?.SetTag(TelemetryTags.BytesIn, job.Probe.Size);
            }

            System.Diagnostics.Activity.Current?.SetTag(TelemetryTags.BytesOut, rendered.Sum(file => file.Length));

            var outputs = new List<JobOutput>();
            foreach (var file in rendered)
            {
                var fileName = Path.GetFileName(file.Path);
                var blobName = MediaContainers.OutputBlob(job.KeyId, job.JobId, fileName);
                await publisher.UploadAsync(blobName, file.Path, file.MimeType, job.Persistent, token);
                // NOTE: raw ADTS and AMR files carry no duration, and ffprobe's estimate from their bit rate can be
                // off by a third; the cut's own length (which the render meets within 50 ms) is the better figure.
                // Only an input of unknown length leaves the file itself to tell.
                var duration = plan.ExpectedDuration ?? (await prober.ProbeAsync(file.Path, cancellationToken: token)).Duration ?? TimeSpan.Zero;
                var codec = file.StreamCopied ? job.Probe.PrimaryAudioStream!.CodecName! : AudioFormatCatalog.Get(file.Format).Codec;
                outputs.Add(new JobOutput(AudioFormatCatalog.Get(file.Format).Name, blobName, fileName, file.MimeType, file.Length,
                    Math.Round(duration.TotalSeconds, 3), codec, file.StreamCopied));
            }

            return (IReadOnlyList<JobOutput>)outputs;
        }, cancellationToken);
    }

    private async Task<string> ReadLinkAsync(string inputBlob, TimeSpan lifetime, CancellationToken cancellationToken) =>
        (await links.IssueReadLinkAsync(MediaContainers.Inputs, inputBlob, clock.GetUtcNow() + lifetime, cancellationToken: cancellationToken)).AbsoluteUri;
}
