using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Core.Media.Production.Rendering;

/// <summary>
/// Renders a production on local files: each lossy output's encoder calibrated (<see cref="EncoderLoudnessCalibrator"/>), the metadata files, the ffmpeg run of <see cref="ProductionRenderPlanner"/>
/// (with, on a machine of more than one core, encoders of their own for the dearest outputs beside it), the chapter links
/// and pictures of MP3s, then each file's probed length.
/// </summary>
public sealed class ProductionRenderer(FfmpegRunner runner, MediaProber prober, EncoderLoudnessCalibrator calibrator)
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
        Directory.CreateDirectory(spec.OutputFolder);
        // NOTE: the calibrator measures an excerpt of the main input; a multitrack main is a mix it cannot read, so its lossy
        // files are not calibrated.
        var calibrated = spec.Main.Tracks.Count == 0 ? await calibrator.CalibrateAsync(spec, cancellationToken) : spec;
        var plan = ProductionRenderPlanner.Plan(calibrated, EncoderProcesses);
        try
        {
            foreach (var metadata in plan.MetadataFiles)
            {
                await metadata.WriteMetadataFileAsync(cancellationToken);
            }

            foreach (var gain in plan.GainFiles)
            {
                await gain.Gain.WriteAsync(gain.Path, cancellationToken: cancellationToken);
            }

            foreach (var encoder in plan.OffloadedEncoders)
            {
                await ConnectedRuns.CreateFifoAsync(encoder.FifoPath, cancellationToken);
            }

            await RunAllAsync(plan, progress, timeout, cancellationToken);
            foreach (var file in plan.Files.Where(file => file.TrackEntries.Count > 0))
            {
                await TrackArchive.WriteAsync(file.Path, file.TrackEntries, cancellationToken);
            }
        }
        finally
        {
            var workFiles = plan.MetadataFiles.Select(metadata => metadata.MetadataFilePath)
                .Concat(plan.OffloadedEncoders.Select(encoder => encoder.FifoPath))
                .Concat(plan.GainFiles.Select(gain => gain.Path))
                .Concat(plan.Files.SelectMany(file => file.TrackEntries).Select(entry => entry.Path));
            foreach (var path in workFiles)
            {
                File.Delete(path);
            }
        }

        var rendered = new List<RenderedProductionFile>(plan.Files.Count);
        foreach (var file in plan.Files)
        {
            if (file.AddsChapterLinksAndImages)
            {
                await Id3ChapterFrames.AddLinksAndImagesAsync(file.Path, spec.Chapters, spec.ChapterImagePaths, cancellationToken);
            }

            // A zip of tracks has no duration to probe; its tracks are as long as the production.
            var duration = file.TrackEntries.Count > 0
                ? plan.ExpectedDuration
                : (await prober.ProbeAsync(file.Path, cancellationToken: cancellationToken)).Duration ?? TimeSpan.Zero;
            // Each file is reported for the output entry it was asked as, not its calibrated copy.
            rendered.Add(new RenderedProductionFile(
                spec.Outputs[calibrated.Outputs.ToList().IndexOf(file.Output)], file.Path, file.Format.MimeType, new FileInfo(file.Path).Length, duration, file.ChapterNumber));
        }

        return rendered;
    }

    /// <summary>
    /// Where there are cores and FIFOs to spare, the main run and an encoder per core: the main run's filters and the encoders
    /// then share the cores as each needs (on two cores, an hour's mp3 and aac render a quarter faster than with one encoder
    /// beside the main run, which kept the other); 1 otherwise.
    /// </summary>
    private static int EncoderProcesses => ConnectedRuns.Available ? Environment.ProcessorCount + 1 : 1;

    /// <summary>Runs the main ffmpeg and its offloaded encoders together.</summary>
    private Task RunAllAsync(ProductionRenderPlan plan, IProgress<FfmpegProgress>? progress, TimeSpan? timeout, CancellationToken cancellationToken) =>
        ConnectedRuns.RunAsync(
        [
            token => runner.RunAsync(plan.Arguments, new FfmpegRunOptions { ExpectedDuration = plan.ExpectedDuration, Progress = progress, Timeout = timeout }, token),
            .. plan.OffloadedEncoders.Select(encoder => (Func<CancellationToken, Task>)(token => runner.RunAsync(encoder.Arguments, new FfmpegRunOptions { Timeout = timeout }, token))),
        ], cancellationToken);
}
