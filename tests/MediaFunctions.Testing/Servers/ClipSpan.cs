using System.Diagnostics;
using System.Globalization;

namespace MediaFunctions.Testing.Servers;

/// <summary>
/// What a clip of a file cannot avoid reading, measured on the file itself with ffprobe: the span of bytes holding
/// its packets (video from the key frame at or before the start, as a stream copy begins there) and the index (every
/// byte before the first packet: an MP4's <c>moov</c> when it is up front, an MP3's ID3 tag and Xing header).
/// What a relayed clip fetched is judged against it.
/// </summary>
public sealed record ClipSpan(long SpanBytes, long IndexBytes)
{
    // Debian's full ffprobe, as the media it measures is made by Debian's ffmpeg.
    private const string Ffprobe = "/usr/bin/ffprobe";

    /// <summary>What the clip should cost the origin at best.</summary>
    public long Bytes => SpanBytes + IndexBytes;

    /// <summary>Measures the clip <paramref name="start"/>..<paramref name="end"/> (seconds) of <paramref name="file"/>.</summary>
    public static async Task<ClipSpan> MeasureAsync(string file, double start, double end)
    {
        var window = string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, start - 30)}%{end + 5}");
        var packets = Parse(await ProbeAsync(file, ["-read_intervals", window]));
        var firstPacket = Parse(await ProbeAsync(file, ["-read_intervals", "%+#1"])).Min(packet => packet.Position);
        var needed = packets.GroupBy(packet => packet.Stream).SelectMany(stream =>
        {
            var ordered = stream.OrderBy(packet => packet.Time).ToList();
            var from = ordered.LastOrDefault(packet => packet.Time <= start && (packet.Audio || packet.Key))?.Time ?? ordered[0].Time;
            return ordered.Where(packet => packet.Time >= from && packet.Time < end);
        }).ToList();
        return new ClipSpan(needed.Max(packet => packet.Position + packet.Size) - needed.Min(packet => packet.Position), firstPacket);
    }

    // ffprobe's "compact" lines: key=value fields joined by '|', in its own order.
    private static List<Packet> Parse(string lines) =>
        [.. lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('|').Select(field => field.Split('=', 2)).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]))
            .Where(fields => fields.GetValueOrDefault("pts_time", "N/A") != "N/A" && fields.GetValueOrDefault("pos", "N/A") != "N/A")
            .Select(fields => new Packet(
                int.Parse(fields["stream_index"], CultureInfo.InvariantCulture),
                fields["codec_type"] == "audio",
                double.Parse(fields["pts_time"], CultureInfo.InvariantCulture),
                long.Parse(fields["pos"], CultureInfo.InvariantCulture),
                long.Parse(fields["size"], CultureInfo.InvariantCulture),
                fields["flags"].StartsWith('K')))];

    private static async Task<string> ProbeAsync(string file, string[] arguments)
    {
        var probe = new ProcessStartInfo(Ffprobe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["-v", "error", .. arguments, "-show_entries", "packet=stream_index,codec_type,pts_time,pos,size,flags",
            "-of", "compact=p=0", file])
        {
            probe.ArgumentList.Add(argument);
        }

        using var process = Process.Start(probe)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"ffprobe failed on {file}: {await errors}");
    }

    private sealed record Packet(int Stream, bool Audio, double Time, long Position, long Size, bool Key);
}
