using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Core.Media.Production.Rendering;

/// <summary>
/// Renders a production on local files: the metadata files, the one ffmpeg run of
/// <see cref="ProductionRenderPlanner"/>, the chapter links and pictures of MP3s, then each file's probed length.
/// </summary>
public sealed class ProductionRenderer(FfmpegRunner runner, MediaProber prober)
{
    /// <summary>Renders every output file of <paramref name="spec"/> into its output folder.</summary>
    /// <param name="spec">The production's inputs, outputs and what goes into them.</param>
    /// <param name="progress">Receives ffmpeg's progress; its fractions are of the finished audio's length.</param>
    /// <param name="timeout">Overrides the configured ffmpeg timeout.</param>
    /// <param name="cancellationToken">Stops ffmpeg (SIGINT, then kill) and what follows it.</param>
    /// <returns>The files written, in the order of the spec's outputs (a split output's by chapter).</returns>
    /// <exception cref="MediaPlanException">The spec cannot be rendered from these inputs (see <see cref="ProductionRenderPlanner.Plan"/>).</exception>
    /// <exception cref="FfmpegException">ffmpeg failed or timed out; the message holds its stderr tail.</exception>
    /// <exception cref="MediaProbeException">A written file could not be probed.</exception>
    public async Task<IReadOnlyList<RenderedProductionFile>> RenderAsync(
        ProductionRenderSpec spec, IProgress<FfmpegProgress>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var plan = ProductionRenderPlanner.Plan(spec);
        Directory.CreateDirectory(spec.OutputFolder);
        try
        {
            foreach (var metadata in plan.MetadataFiles)
            {
                await metadata.WriteMetadataFileAsync(cancellationToken);
            }

            await runner.RunAsync(plan.Arguments, new FfmpegRunOptions { ExpectedDuration = plan.ExpectedDuration, Progress = progress, Timeout = timeout }, cancellationToken);
        }
        finally
        {
            foreach (var metadata in plan.MetadataFiles)
            {
                File.Delete(metadata.MetadataFilePath);
            }
        }

        var rendered = new List<RenderedProductionFile>(plan.Files.Count);
        foreach (var file in plan.Files)
        {
            if (file.AddsChapterLinksAndImages)
            {
                await Id3ChapterFrames.AddLinksAndImagesAsync(file.Path, spec.Chapters, spec.ChapterImagePaths, cancellationToken);
            }

            var probe = await prober.ProbeAsync(file.Path, cancellationToken: cancellationToken);
            rendered.Add(new RenderedProductionFile(
                file.Output, file.Path, file.Format.MimeType, new FileInfo(file.Path).Length, probe.Duration ?? TimeSpan.Zero, file.ChapterNumber));
        }

        return rendered;
    }
}
