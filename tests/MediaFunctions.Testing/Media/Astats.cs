using System.Globalization;
using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Testing.Media;

/// <summary>One overall figure of a file's first audio stream as ffmpeg's <c>astats</c> prints it: the tests' meter for levels and lengths.</summary>
public static class Astats
{
    /// <param name="path">The file.</param>
    /// <param name="filter">Filters to measure behind (a band filter, a trim); null for none.</param>
    /// <param name="measure">The <c>measure_overall</c> name, e.g. <c>RMS_level</c>.</param>
    /// <param name="label">What astats prints before the figure, e.g. <c>RMS level dB</c>.</param>
    /// <param name="cancellationToken">Stops ffmpeg.</param>
    /// <returns>The figure; negative infinity where astats writes <c>-inf</c> (digital silence).</returns>
    public static async Task<double> OverallAsync(string path, string? filter, string measure, string label, CancellationToken cancellationToken)
    {
        double? figure = null;
        var prefix = label + ":";
        var meter = $"astats=measure_perchannel=none:measure_overall={measure}";
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "info", "-i", path, "-map", "0:a:0", "-af", filter is null ? meter : $"{filter},{meter}", "-f", "null", "-"],
            new FfmpegRunOptions
            {
                StandardError = line =>
                {
                    var at = line.IndexOf(prefix, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        var text = line[(at + prefix.Length)..].Trim();
                        figure = text == "-inf" ? double.NegativeInfinity : double.Parse(text, CultureInfo.InvariantCulture);
                    }
                },
            },
            cancellationToken);
        return figure ?? throw new InvalidOperationException($"astats printed no {label} for {path}.");
    }
}
