using System.IO.Pipelines;
using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Core.Media.AudioTrack;

/// <summary>
/// Copies the audio streams of media as it streams past into a local MP4 file of their own, without
/// re-encoding. Audio jobs then read megabytes instead of a whole video: a ten-minute 720p upload is
/// 490 MB, its AAC track 10 MB.
/// </summary>
/// <remarks>
/// <para>MP4, written to a seekable file, because it is the container that keeps the encoder delay of
/// AAC (its edit list): Matroska, NUT and fragmented MP4 drop it, and the audio would then start 21 ms
/// late. The file holds only the audio, so it is small beside the upload that is never on local disk.</para>
/// <para>Best effort by design: media that cannot be demuxed from a pipe (MP4 with its index at the
/// end), that has no audio, or whose audio MP4 cannot hold (WMA, PCM) gives no split, and jobs read
/// the original instead.</para>
/// </remarks>
public sealed class AudioTrackSplitter(FfmpegRunner runner)
{
    // ffmpeg reads far faster than uploads arrive; this only smooths the hand-over between the two.
    private static readonly PipeOptions Buffering = new(pauseWriterThreshold: 1024 * 1024, resumeWriterThreshold: 512 * 1024, useSynchronizationContext: false);

    /// <summary>Starts a split into <paramref name="outputPath"/>: feed it the media through the split's <see cref="AudioTrackSplit.WriteAsync"/>.</summary>
    public AudioTrackSplit Start(string outputPath, CancellationToken cancellationToken = default)
    {
        var pipe = new Pipe(Buffering);
        var run = RunAsync(pipe, outputPath, cancellationToken);
        return new AudioTrackSplit(pipe.Writer, run);
    }

    private async Task<bool> RunAsync(Pipe pipe, string outputPath, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await using var input = pipe.Reader.AsStream();
            string[] arguments =
            [
                // -xerror: an MP4 whose index comes last reads as a header and then "partial file" errors on a
                // pipe, which ffmpeg would otherwise shrug off and write an empty file.
                "-hide_banner", "-nostats", "-loglevel", "error", "-y", "-xerror",
                "-i", "pipe:0",
                "-map", "0:a", "-c", "copy", "-f", "mp4", outputPath,
            ];
            await runner.RunAsync(arguments, new FfmpegRunOptions { StandardInput = input }, cancellationToken);
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Not media ffmpeg can split (or the upload broke off): the job reads the original.
            return false;
        }
        finally
        {
            // The writer sees a completed reader and stops feeding.
            await pipe.Reader.CompleteAsync();
        }
    }
}
