using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CliWrap.Builders;
using FFMpegCore;
using FFMpegCore.Exceptions;
using MediaFunctions.Core.Telemetry;
using Microsoft.Extensions.Options;
using AnalysedStream = FFMpegCore.MediaStream;

namespace MediaFunctions.Core.Ffmpeg;

/// <summary>
/// Probes a file or URL with ffprobe through FFMpegCore's <see cref="FFProbe"/> and maps its typed analysis to a
/// <see cref="MediaProbe"/>; the only place that reads ffprobe's output. Each probe is an <c>ffprobe</c> span tagged with
/// the current <see cref="JobTelemetry"/>; what it probed is not recorded (an input link carries a SAS signature).
/// </summary>
public sealed partial class MediaProber(FfmpegLocator locator, IOptions<FfmpegOptions> options)
{
    private const string Tool = "ffprobe";
    private static readonly IReadOnlyDictionary<string, string> NoTags = ReadOnlyDictionary<string, string>.Empty;
    private readonly FfmpegOptions _options = options.Value;

    /// <summary>Probes the format and every stream of <paramref name="input"/> (a local path or a URL ffmpeg can open).</summary>
    /// <param name="input">The file or URL.</param>
    /// <param name="inputArguments">Options for opening the input (a relay URL's protocol whitelist).</param>
    /// <param name="cancellationToken">Stops ffprobe.</param>
    /// <exception cref="MediaProbeException">The input is not media ffmpeg can read.</exception>
    /// <exception cref="FfmpegException">ffprobe ran past <see cref="FfmpegOptions.ProbeTimeout"/>.</exception>
    public async Task<MediaProbe> ProbeAsync(string input, IReadOnlyList<string>? inputArguments = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        var url = Uri.TryCreate(input, UriKind.Absolute, out var parsed) ? parsed : null;
        // What ffprobe is given: a URL as is, a path in full.
        var probed = url is { IsFile: false } ? url.AbsoluteUri : url?.LocalPath ?? Path.GetFullPath(input);
        // A path goes in as a file URI too (FFMpegCore passes on its local path), so ffprobe itself says when it is missing.
        var target = url is { IsFile: false } ? url : new Uri(QuotedArgumentContent(probed));
        // ffprobe takes its options anywhere on the command line: these follow the input.
        var customArguments = new ArgumentsBuilder().Add(inputArguments ?? []).Build();
        var ffOptions = new FFOptions { BinaryFolder = Path.GetDirectoryName(locator.Binaries.FfprobePath)! };

        cancellationToken.ThrowIfCancellationRequested();
        using var span = MediaFunctionsTelemetry.Source.StartActivity(Tool);
        span?.SetTag(TelemetryTags.Tool, Tool);
        JobTelemetry.Current?.Tag(span);
        using var timeoutSource = new CancellationTokenSource(_options.ProbeTimeout);
        using var runSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            return ToProbe(await FFProbe.AnalyseAsync(target, ffOptions, customArguments, runSource.Token));
        }
        catch (OperationCanceledException) when (runSource.IsCancellationRequested)
        {
            // FFMpegCore has killed ffprobe; what it wrote to stderr went with it.
            cancellationToken.ThrowIfCancellationRequested();
            span?.SetStatus(ActivityStatusCode.Error, nameof(FfmpegException));
            throw FfmpegException.TimedOutAfter(Tool, _options.ProbeTimeout, [.. inputArguments ?? [], input], []);
        }
        catch (FFProbeProcessException failed)
        {
            span?.SetStatus(ActivityStatusCode.Error, nameof(MediaProbeException));
            throw MediaProbeException.NotMedia(RedactInput(failed.StandardError, probed, input));
        }
        catch (FormatNullException)
        {
            span?.SetStatus(ActivityStatusCode.Error, nameof(MediaProbeException));
            throw MediaProbeException.NoStreams();
        }
    }

    /// <summary>
    /// Maps FFMpegCore's analysis to a <see cref="MediaProbe"/>: its typed format and audio, video and subtitle
    /// streams; its raw ffprobe output for what the typed view leaves out (the size, data and attachment streams).
    /// </summary>
    internal static MediaProbe ToProbe(IMediaAnalysis analysis)
    {
        if (analysis.Raw.Streams.Count == 0)
        {
            throw MediaProbeException.NoStreams();
        }

        var typed = analysis.AudioStreams.Concat<AnalysedStream>(analysis.VideoStreams).Concat(analysis.SubtitleStreams).ToDictionary(stream => stream.Index);
        return new MediaProbe
        {
            FormatNames = (analysis.Format.FormatName ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            FormatLongName = analysis.Format.FormatLongName,
            Duration = Known(analysis.Format.Duration),
            Size = long.TryParse(analysis.Raw.Format.Size, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) ? size : null,
            BitRate = analysis.Format.BitRate,
            Tags = analysis.Format.Tags ?? NoTags,
            Streams = [.. analysis.Raw.Streams.Select(raw => typed.TryGetValue(raw.Index, out var stream) ? ToStream(stream) : ToOtherStream(raw))],
        };
    }

    private static MediaStream ToStream(AnalysedStream stream) => stream switch
    {
        AudioStream audio => ToStream(audio, MediaStreamKind.Audio) with { Profile = audio.Profile, SampleRate = audio.SampleRateHz, Channels = audio.Channels },
        VideoStream video => ToStream(video, MediaStreamKind.Video) with { Profile = video.Profile, Width = video.Width, Height = video.Height },
        _ => ToStream(stream, MediaStreamKind.Subtitle),
    };

    /// <summary>What every typed stream has.</summary>
    private static MediaStream ToStream(AnalysedStream stream, MediaStreamKind kind) => new()
    {
        Index = stream.Index,
        Kind = kind,
        CodecName = stream.CodecName,
        BitRate = stream.BitRate,
        Duration = Known(stream.Duration),
        Tags = stream.Tags ?? NoTags,
        Disposition = [.. stream.Disposition?.Where(flag => flag.Value).Select(flag => flag.Key) ?? []],
    };

    /// <summary>A data or attachment stream, which FFMpegCore does not type: what identifies it is kept.</summary>
    private static MediaStream ToOtherStream(FFProbeStream stream) => new()
    {
        Index = stream.Index,
        Kind = stream.CodecType switch
        {
            "data" => MediaStreamKind.Data,
            "attachment" => MediaStreamKind.Attachment,
            _ => MediaStreamKind.Unknown,
        },
        CodecName = stream.CodecName,
        Tags = stream.Tags ?? NoTags,
        Disposition = [.. stream.Disposition?.Where(flag => flag.Value != 0).Select(flag => flag.Key) ?? []],
    };

    /// <summary>FFMpegCore reports a length ffprobe did not give as zero; a live stream is recognised by its having none.</summary>
    private static TimeSpan? Known(TimeSpan duration) => duration > TimeSpan.Zero ? duration : null;

    /// <summary>ffprobe names the input (a temp path, or a URL that may carry a signature) and its demuxer's address; neither belongs in a user's error.</summary>
    private static string RedactInput(IEnumerable<string> error, string probed, string input) =>
        string.Join("; ", error
            .Select(line => ContextAddress().Replace(line.Replace(probed, "input", StringComparison.Ordinal).Replace(input, "input", StringComparison.Ordinal), "").Trim())
            .Where(line => line.Length > 0));

    /// <summary>
    /// NOTE: FFMpegCore writes the input between double quotes into one command line without escaping it, and
    /// users name their downloads; a quote (and backslashes before it or at the end) is escaped so ffprobe gets
    /// the path as it is.
    /// </summary>
    private static string QuotedArgumentContent(string path) =>
        QuoteOrEnd().Replace(path, match => match.Groups[1].Value + match.Groups[1].Value + (match.Groups[2].Length > 0 ? "\\\"" : ""));

    [GeneratedRegex(@" @ 0x[0-9a-fA-F]+")]
    private static partial Regex ContextAddress();

    [GeneratedRegex(@"(\\*)(""|$)")]
    private static partial Regex QuoteOrEnd();
}
