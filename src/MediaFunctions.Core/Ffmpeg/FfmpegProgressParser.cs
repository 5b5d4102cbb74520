using System.Globalization;

namespace MediaFunctions.Core.Ffmpeg;

/// <summary>
/// Reads the key=value blocks ffmpeg writes with <c>-progress</c>; each block ends with a
/// <c>progress=continue|end</c> line, which is when a report is made.
/// </summary>
internal sealed class FfmpegProgressParser(TimeSpan? expectedDuration)
{
    private static readonly HashSet<string> Keys =
    [
        "frame", "fps", "bitrate", "total_size", "out_time_us", "out_time_ms", "out_time",
        "dup_frames", "drop_frames", "speed", "progress",
    ];

    private TimeSpan _processed;
    private double? _speed;

    /// <summary>True when the line belongs to the progress output (so it is not kept as a log line).</summary>
    public bool TryRead(string line, out FfmpegProgress? report)
    {
        report = null;
        var separator = line.IndexOf('=', StringComparison.Ordinal);
        if (separator <= 0)
        {
            return false;
        }

        var key = line[..separator];
        if (!Keys.Contains(key) && !key.StartsWith("stream_", StringComparison.Ordinal))
        {
            return false;
        }

        var value = line[(separator + 1)..].Trim();
        switch (key)
        {
            case "out_time_us" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var microseconds) && microseconds >= 0:
                _processed = TimeSpan.FromMicroseconds(microseconds);
                break;
            case "speed" when value.EndsWith('x')
                && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var speed):
                _speed = speed;
                break;
            case "progress":
                var complete = value == "end";
                double? fraction = expectedDuration is { Ticks: > 0 } total
                    ? complete ? 1 : Math.Clamp(_processed / total, 0, 1)
                    : null;
                report = new FfmpegProgress(_processed, fraction, _speed, complete);
                break;
        }

        return true;
    }
}
