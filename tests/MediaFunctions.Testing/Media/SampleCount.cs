using System.Globalization;
using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Testing.Media;

/// <summary>How many samples (per channel) a file's first audio stream decodes to, as <c>astats</c> counts them.</summary>
public static class SampleCount
{
    public static async Task<long> ReadAsync(string path, CancellationToken cancellationToken)
    {
        long? samples = null;
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "info", "-i", path, "-map", "0:a:0", "-af", "astats=measure_perchannel=none:measure_overall=Number_of_samples",
                "-f", "null", "-"],
            new FfmpegRunOptions
            {
                StandardError = line =>
                {
                    var at = line.IndexOf("Number of samples:", StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        samples = long.Parse(line[(at + "Number of samples:".Length)..].Trim(), CultureInfo.InvariantCulture);
                    }
                },
            },
            cancellationToken);
        return samples ?? throw new InvalidOperationException($"astats counted no samples in {path}.");
    }
}
