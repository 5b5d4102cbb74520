using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Media.Production.Multitrack;
using MediaFunctions.Core.Media.Production.Rendering;
using MediaFunctions.Core.Productions.Inputs;
using MediaFunctions.Core.Productions.Processing;
using MediaFunctions.Core.Productions.Records;
using MediaFunctions.Core.Productions.Runs;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Workflows.Productions;

/// <summary>
/// The render of a run: every output file from one decode of each input (<see cref="ProductionRenderer"/>; the main audio as
/// the analysis processed it, a multitrack production's tracks mixed), with its tags, chapters (moved with the cuts) and
/// cover, then each stored in the outputs container, where it stays until the production is deleted, reset or run again.
/// Idempotent: a re-run overwrites the files.
/// </summary>
public sealed class RenderProductionActivity(
    ProductionRenderer renderer,
    ProductionInputFetcher fetcher,
    JobOutputPublisher publisher,
    IOrchestrationClient orchestrations,
    TimeProvider clock,
    IOptions<JobOptions> options) : Activity<ProductionRender, ProductionRendered>
{
    public override async Task<ProductionRendered> RunAsync(ActivityContext context, ProductionRender render, CancellationToken cancellationToken)
    {
        var (job, inputs, analysed) = render;
        var loudness = analysed.Loudness;
        await using var watch = new JobEndWatch(orchestrations, context.InstanceId, clock, cancellationToken);
        var token = watch.Token;
        var folder = Directory.CreateTempSubdirectory("mediafunctions-production-");
        try
        {
            string? image = null;
            if (inputs.ImageBlob is { } imageBlob)
            {
                image = Path.Combine(folder.FullName, "cover");
                await fetcher.DownloadAsync(imageBlob, image, token);
            }

            var chapterImages = new List<string?>();
            foreach (var (chapter, number) in job.Chapters.Select((chapter, index) => (chapter, index + 1)))
            {
                string? path = null;
                if (chapter.Image is { } url)
                {
                    path = Path.Combine(folder.FullName, $"chapter-{number}");
                    await fetcher.FetchChapterImageAsync(url, path, token);
                }

                chapterImages.Add(path);
            }

            async Task<ProductionRenderInput?> Input(StagedProductionInput? staged, Media.Production.Loudness.LoudnessPlan? plan) => staged is null
                ? null
                : new ProductionRenderInput((await fetcher.ReadLinkAsync(staged.Blob, token)).AbsoluteUri, [], plan!, TimeSpan.FromSeconds(staged.DurationSeconds),
                    staged.HasVideo, staged.Channels);
            var outputs = ProductionOutputNames.Resolve(job.Outputs, job.BaseName, inputs.Main.FormatNames);
            var main = (await Input(inputs.Main, loudness.Main))!;
            if (analysed.Tracks.Count > 0)
            {
                main = ProductionRenderInput.Mixed(await TracksAsync(inputs, analysed.Tracks, token), analysed.ProcessedPlan, analysed.Channels, analysed.Cuts);
            }
            else
            {
                if (analysed.ProcessedBlob is { } processed && !outputs.Any(output => ProductionFormats.For(output).Kind == ProductionFormatKind.Video))
                {
                    // The main audio as the analysis left it, cleaned up and levelled; a video output copies the input's picture, so reads the input.
                    main = main with { Location = (await fetcher.ReadWorkLinkAsync(processed, token)).AbsoluteUri, Loudness = analysed.ProcessedPlan, HasVideo = false };
                }

                main = main with { Duration = main.Duration - analysed.Cuts.Removed, Channels = analysed.Channels };
            }

            var intro = await Input(inputs.Intro, loudness.Intro);
            var outputFolder = Directory.CreateDirectory(Path.Combine(folder.FullName, "outputs")).FullName;
            var spec = new ProductionRenderSpec(
                main,
                intro,
                await Input(inputs.Outro, loudness.Outro),
                outputs,
                job.Metadata,
                ProductionChapterTimes.AfterCuts(job.Chapters, analysed.Cuts, intro?.Duration ?? TimeSpan.Zero),
                image,
                chapterImages.Any(path => path is not null) ? chapterImages : [],
                outputFolder);
            var rendered = await renderer.RenderAsync(spec, timeout: options.Value.RenderTimeout, cancellationToken: token);

            var files = new List<ProductionResultFile>();
            foreach (var file in rendered)
            {
                var fileName = Path.GetFileName(file.Path);
                var blobName = MediaContainers.OutputBlob(job.KeyId, Production.FilesId(job.Uuid), fileName);
                // Kept until the production goes: its files are persistent, never swept by the link lifetime.
                await publisher.UploadAsync(blobName, file.Path, file.MimeType, persistent: true, token);
                var index = spec.Outputs.ToList().IndexOf(file.Output);
                files.Add(new ProductionResultFile(index, file.Output.Format, fileName, blobName, file.MimeType, file.Length,
                    Math.Round(file.Duration.TotalSeconds, 3), file.ChapterNumber));
            }

            files.AddRange(analysed.Subtitles);
            var length = spec.Main.Duration + (spec.Intro?.Duration ?? TimeSpan.Zero) + (spec.Outro?.Duration ?? TimeSpan.Zero);
            return new ProductionRendered(files, Math.Round(length.TotalSeconds, 3));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A multitrack production's tracks as the analysis decided they are mixed, each gain curve read back.</summary>
    private async Task<List<ProductionRenderTrack>> TracksAsync(ProductionInputs inputs, IReadOnlyList<ProductionTrackMix> mixes, CancellationToken cancellationToken)
    {
        var tracks = new List<ProductionRenderTrack>();
        foreach (var (mix, staged) in mixes.Zip(inputs.Tracks))
        {
            TrackGain? gain = null;
            if (mix.GainBlob is { } blob)
            {
                await using var factors = await fetcher.OpenWorkFileAsync(blob, cancellationToken);
                gain = await TrackGain.ReadAsync(mix.Id, mix.Role, TimeSpan.FromMilliseconds(mix.GainFrameMilliseconds), factors, cancellationToken);
            }

            tracks.Add(new ProductionRenderTrack(mix.Id, (await fetcher.ReadLinkAsync(staged.Blob, cancellationToken)).AbsoluteUri, [], mix.AudioFilter,
                TimeSpan.FromSeconds(staged.DurationSeconds), staged.Channels, gain));
        }

        return tracks;
    }
}
