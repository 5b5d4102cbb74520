using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media.Audio;

namespace MediaFunctions.Core.Media.ExtractAudio;

/// <summary>Carries out an <see cref="ExtractAudioPlan"/> on local files: one ffmpeg run, plus the AMR-NB encode fed from its stdout.</summary>
public sealed class ExtractAudioExecutor(FfmpegRunner runner, AmrNbEncoder amrNbEncoder)
{
    /// <summary>Runs the plan and reports ffmpeg's progress; returns the files written, in the plan's order.</summary>
    /// <param name="plan">A plan from <see cref="ExtractAudioPlanner.Plan"/>.</param>
    /// <param name="progress">Receives progress reports; fractions need the plan's expected duration.</param>
    /// <param name="timeout">Overrides the configured ffmpeg timeout.</param>
    /// <param name="cancellationToken">Stops ffmpeg (SIGINT, then kill) and the AMR encode.</param>
    /// <exception cref="FfmpegException">ffmpeg failed or timed out; the message holds its stderr tail.</exception>
    /// <exception cref="DllNotFoundException">AMR must be encoded and libopencore-amrnb is missing.</exception>
    public async Task<IReadOnlyList<ExtractedAudioFile>> ExecuteAsync(
        ExtractAudioPlan plan, IProgress<FfmpegProgress>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.AmrNbEncode is not null)
        {
            // Before ffmpeg starts, rather than after it has decoded half the input.
            AmrNbEncoder.EnsureAvailable();
        }

        var runOptions = new FfmpegRunOptions
        {
            ExpectedDuration = plan.ExpectedDuration,
            Progress = progress,
            Timeout = timeout,
            StandardOutput = plan.AmrNbEncode is { } step ? (pcm, token) => EncodeAmrAsync(pcm, step, token) : null,
        };
        await runner.RunAsync(plan.Arguments, runOptions, cancellationToken);

        return [.. plan.Outputs.Select(output => new ExtractedAudioFile(
            output.Format, output.Path, new FileInfo(output.Path).Length, AudioFormatCatalog.Get(output.Format).MimeType, output.StreamCopy))];
    }

    private async Task EncodeAmrAsync(Stream pcm, AmrNbEncodeStep step, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(step.OutputPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024, useAsync: true);
        await amrNbEncoder.EncodeAsync(pcm, file, step.Mode, cancellationToken);
    }
}
