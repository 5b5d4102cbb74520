using System.Globalization;
using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Core.Media.Production.Loudness;

/// <summary>
/// Reads the summary ffmpeg's <c>ebur128</c> filter logs when it ends:
/// <code>
/// [Parsed_ebur128_0 @ 0x…] Summary:
///   Integrated loudness:
///     I:         -23.2 LUFS
///     Threshold: -33.2 LUFS
///   Loudness range:
///     LRA:         0.0 LU
///     Threshold: -43.2 LUFS
///     …
///   True peak:
///     Peak:      -11.0 dBFS
/// </code>
/// Keys are read within their section (both sections have a <c>Threshold</c>), and only after the last
/// <c>Summary:</c>, so other log lines before or after it do not matter.
/// </summary>
internal static class Ebur128Summary
{
    public static bool TryParse(IReadOnlyList<string> lines, out LoudnessMeasurement measurement)
    {
        measurement = null!;
        var start = -1;
        for (var i = lines.Count - 1; i >= 0 && start < 0; i--)
        {
            if (lines[i].TrimEnd().EndsWith("Summary:", StringComparison.Ordinal))
            {
                start = i + 1;
            }
        }

        if (start < 0)
        {
            return false;
        }

        double? integrated = null, threshold = null, range = null, peak = null;
        var section = "";
        for (var i = start; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.EndsWith(':'))
            {
                section = line;
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || !TryReadValue(line[(colon + 1)..], out var value))
            {
                continue;
            }

            switch (section, line[..colon])
            {
                case ("Integrated loudness:", "I"):
                    integrated = value;
                    break;
                case ("Integrated loudness:", "Threshold"):
                    threshold = value;
                    break;
                case ("Loudness range:", "LRA"):
                    range = value;
                    break;
                // peak=sample prints its sample peak where peak=true prints the true peak.
                case ("True peak:" or "Sample peak:", "Peak"):
                    peak = value;
                    break;
            }
        }

        if (integrated is null || threshold is null || range is null || peak is null)
        {
            return false;
        }

        measurement = new LoudnessMeasurement(integrated.Value, peak.Value, range.Value, threshold.Value);
        return true;
    }

    /// <summary>
    /// Runs ffmpeg with <paramref name="arguments"/> (a graph that ends in an <c>ebur128</c> meter, logging at info level) and
    /// reads the meter's summary; <paramref name="standardOutput"/> reads what the run writes to <c>pipe:1</c>, if anything.
    /// </summary>
    /// <exception cref="FfmpegException">ffmpeg failed, or logged no ebur128 summary.</exception>
    public static async Task<LoudnessMeasurement> MeasureAsync(
        FfmpegRunner runner, IReadOnlyList<string> arguments, Func<Stream, CancellationToken, Task>? standardOutput, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        await runner.RunAsync(arguments, new FfmpegRunOptions { StandardOutput = standardOutput, StandardError = lines.Add }, cancellationToken);
        return TryParse(lines, out var measurement)
            ? measurement
            : throw FfmpegException.MissingOutput("ffmpeg", "an ebur128 summary", arguments, lines.TakeLast(FfmpegException.StandardErrorTailLines).ToList());
    }

    /// <summary>Reads "-23.2 LUFS" or "-inf dBFS" (the peak of digital silence).</summary>
    private static bool TryReadValue(string text, out double value)
    {
        var number = text.Trim().Split(' ', 2)[0];
        switch (number)
        {
            case "-inf":
                value = double.NegativeInfinity;
                return true;
            case "inf":
                value = double.PositiveInfinity;
                return true;
            default:
                return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
