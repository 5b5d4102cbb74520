using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Ffmpeg;

/// <summary>Probes a file or URL with ffprobe; the only place that reads ffprobe's output.</summary>
public sealed partial class MediaProber(FfmpegLocator locator, IOptions<FfmpegOptions> options)
{
    private const string Tool = "ffprobe";
    private readonly FfmpegOptions _options = options.Value;

    /// <summary>Probes the format and every stream of <paramref name="input"/> (a local path or a URL ffmpeg can open).</summary>
    /// <param name="input">The file or URL.</param>
    /// <param name="inputArguments">Options for opening the input, put before <c>-i</c> (a relay URL's protocol whitelist).</param>
    /// <param name="cancellationToken">Stops ffprobe.</param>
    /// <exception cref="MediaProbeException">The input is not media ffmpeg can read.</exception>
    /// <exception cref="FfmpegException">ffprobe ran past <see cref="FfmpegOptions.ProbeTimeout"/>.</exception>
    public async Task<MediaProbe> ProbeAsync(string input, IReadOnlyList<string>? inputArguments = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        string[] arguments = ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", .. inputArguments ?? [], "-i", input];

        cancellationToken.ThrowIfCancellationRequested();
        using var process = ToolProcess.Start(locator.Binaries.FfprobePath, arguments);
        process.StandardInput.Close();
        using var timeoutSource = new CancellationTokenSource(_options.ProbeTimeout);
        using var runSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(runSource.Token);
        }
        catch (OperationCanceledException) when (runSource.IsCancellationRequested)
        {
            await ToolProcess.StopAsync(process, canSendQuit: false, TimeSpan.Zero);
            cancellationToken.ThrowIfCancellationRequested();
            throw FfmpegException.TimedOutAfter(Tool, _options.ProbeTimeout, arguments, [RedactInput(await stderr, input)]);
        }

        var json = await stdout;
        var error = RedactInput(await stderr, input);
        if (process.ExitCode != 0)
        {
            throw MediaProbeException.NotMedia(error);
        }

        return Parse(json);
    }

    /// <summary>Maps ffprobe's JSON to a <see cref="MediaProbe"/>.</summary>
    internal static MediaProbe Parse(string json)
    {
        var output = JsonSerializer.Deserialize<FfprobeOutput>(json);
        if (output?.Streams is not { Count: > 0 } streams || output.Format is not { } format)
        {
            throw MediaProbeException.NoStreams();
        }

        return new MediaProbe
        {
            FormatNames = (format.FormatName ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            FormatLongName = format.FormatLongName,
            Duration = ParseSeconds(format.Duration),
            Size = ParseLong(format.Size),
            BitRate = ParseLong(format.BitRate),
            Tags = format.Tags ?? [],
            Streams = [.. streams.Select(stream => new MediaStream
            {
                Index = stream.Index,
                Kind = stream.CodecType switch
                {
                    "audio" => MediaStreamKind.Audio,
                    "video" => MediaStreamKind.Video,
                    "subtitle" => MediaStreamKind.Subtitle,
                    "data" => MediaStreamKind.Data,
                    "attachment" => MediaStreamKind.Attachment,
                    _ => MediaStreamKind.Unknown,
                },
                CodecName = stream.CodecName,
                Profile = stream.Profile,
                SampleRate = (int?)ParseLong(stream.SampleRate),
                Channels = stream.Channels,
                Width = stream.Width,
                Height = stream.Height,
                BitRate = ParseLong(stream.BitRate),
                Duration = ParseSeconds(stream.Duration),
                Tags = stream.Tags ?? [],
                Disposition = [.. (stream.Disposition ?? []).Where(flag => flag.Value != 0).Select(flag => flag.Key)],
            })],
        };
    }

    private static TimeSpan? ParseSeconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static long? ParseLong(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>ffprobe names the input (a temp path, or a URL that may carry a signature) and its demuxer's address; neither belongs in a user's error.</summary>
    private static string RedactInput(string error, string input) =>
        string.Join("; ", error
            .Replace(input, "input", StringComparison.Ordinal)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => ContextAddress().Replace(line, "")));

    [GeneratedRegex(@" @ 0x[0-9a-fA-F]+")]
    private static partial Regex ContextAddress();
}
