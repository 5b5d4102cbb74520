using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Media.Audio;
using MediaFunctions.Core.Media.ExtractAudio;
using MediaFunctions.Core.Storage;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Workflows.ExtractAudio;

/// <summary>
/// Renders every requested format from the input in one ffmpeg run into a fresh local folder and
/// uploads the files to the outputs container. ffmpeg reads a staged input through a short SAS
/// link, so only the bytes it needs cross the network. Idempotent: a re-run overwrites.
/// </summary>
public sealed class ExtractAudioActivity(
    ExtractAudioExecutor executor,
    MediaProber prober,
    SasLinkIssuer links,
    BlobServiceClient blobs,
    IOrchestrationClient orchestrations,
    IOptions<JobOptions> options) : Activity<ExtractAudioJob, IReadOnlyList<JobOutput>>
{
    public override async Task<IReadOnlyList<JobOutput>> RunAsync(ActivityContext context, ExtractAudioJob job, CancellationToken cancellationToken)
    {
        var renderTimeout = options.Value.RenderTimeout;
        var input = job.Source.Url
            ?? (await links.IssueReadLinkAsync(MediaContainers.Inputs, job.Source.InputBlob!, DateTimeOffset.UtcNow + renderTimeout, cancellationToken: cancellationToken)).AbsoluteUri;
        var folder = Directory.CreateTempSubdirectory("mediafunctions-");
        using var watch = new JobEndWatch(orchestrations, context.InstanceId, cancellationToken);
        var outputs = new List<JobOutput>();
        var written = new List<string>();
        var container = blobs.GetBlobContainerClient(MediaContainers.Outputs);
        try
        {
            var outputPaths = job.Request.Formats.ToDictionary(
                format => format, format => Path.Combine(folder.FullName, $"{job.FileBaseName}.{AudioFormatCatalog.Get(format).Extension}"));
            var plan = ExtractAudioPlanner.Plan(job.Request, job.Probe, input, outputPaths);
            var progress = new JobProgressReporter(orchestrations, context.InstanceId, ExtractAudioOrchestrator.ProgressEvent);
            var files = await executor.ExecuteAsync(plan, progress, renderTimeout, watch.Token);

            foreach (var file in files)
            {
                var probe = await prober.ProbeAsync(file.Path, watch.Token);
                var profile = AudioFormatCatalog.Get(file.Format);
                var fileName = Path.GetFileName(file.Path);
                var blobName = MediaContainers.OutputBlob(job.KeyId, job.JobId, fileName);
                written.Add(blobName);
                await container.GetBlobClient(blobName).UploadAsync(file.Path,
                    new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = file.MimeType } }, watch.Token);
                // NOTE: raw ADTS and AMR files carry no duration, and ffprobe's estimate from their bit rate can be
                // off by a third; the cut's own length (which the render meets within 50 ms) is the better figure.
                var duration = plan.ExpectedDuration ?? probe.Duration ?? TimeSpan.Zero;
                outputs.Add(new JobOutput(profile.Name, blobName, fileName, file.MimeType, file.Length,
                    Math.Round(duration.TotalSeconds, 3), probe.PrimaryAudioStream?.CodecName ?? profile.Codec, file.StreamCopied));
            }

            // The job may have been deleted after the last poll: its files were deleted before these were written.
            if (!await watch.IsJobLiveAsync(cancellationToken))
            {
                throw new OperationCanceledException($"Job {job.JobId} ended while it was rendering.");
            }

            return outputs;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Ended without us (terminated or deleted): nothing of it may stay behind.
            foreach (var blobName in written)
            {
                await container.DeleteBlobIfExistsAsync(blobName, cancellationToken: CancellationToken.None);
            }

            throw;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
