using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Testing.Media;

/// <summary>
/// What a listener would measure in a file: how long its audio plays and when the test tone starts
/// (the generated media are silent until <see cref="GeneratedMedia.ToneStartSeconds"/>).
/// </summary>
public sealed record DecodedAudio(double DurationSeconds, double ToneOnsetSeconds, int SampleRate)
{
    /// <summary>Decodes the first audio stream to mono PCM at its own rate (no resampler delay) and measures it.</summary>
    public static async Task<DecodedAudio> MeasureAsync(string path, CancellationToken cancellationToken)
    {
        var probe = await FfmpegTools.Prober().ProbeAsync(path, cancellationToken: cancellationToken);
        var sampleRate = probe.PrimaryAudioStream?.SampleRate ?? throw new InvalidOperationException($"{path} has no audio.");
        long samples = 0;
        long onset = -1;
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-i", path, "-map", "0:a:0", "-ac", "1", "-c:a", "pcm_s16le", "-f", "s16le", "pipe:1"],
            new FfmpegRunOptions
            {
                StandardOutput = async (pcm, token) =>
                {
                    var buffer = new byte[64 * 1024];
                    int read;
                    while ((read = await pcm.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, token)) > 0)
                    {
                        var whole = read - (read % 2);
                        for (var i = 0; i < whole; i += 2)
                        {
                            var sample = (short)(buffer[i] | (buffer[i + 1] << 8));
                            if (onset < 0 && Math.Abs((int)sample) > 8000)
                            {
                                onset = samples;
                            }

                            samples++;
                        }

                        if (whole != read)
                        {
                            throw new InvalidOperationException("The PCM ended in half a sample.");
                        }
                    }
                },
            },
            cancellationToken);
        return new DecodedAudio(samples / (double)sampleRate, onset < 0 ? double.NaN : onset / (double)sampleRate, sampleRate);
    }
}
