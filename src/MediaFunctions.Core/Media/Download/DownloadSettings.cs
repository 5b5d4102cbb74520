using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Core.Media.Download;

/// <summary>
/// What a download job does once the document's defaults and its codec auto-corrections are applied
/// to the request; the corrections say what changed. The source's own streams can force more
/// (a codec the container cannot hold is encoded): <see cref="DownloadPlanner"/> adds those.
/// </summary>
/// <param name="VideoCodec">A <see cref="DownloadCodecs"/> video name; unused when <see cref="AudioOnly"/>.</param>
/// <param name="AudioCodec">A <see cref="DownloadCodecs"/> audio name.</param>
/// <param name="Crf">The CRF of encoded video.</param>
public sealed record DownloadSettings(
    string Format,
    bool AudioOnly,
    string VideoCodec,
    string AudioCodec,
    AudioBitrate AudioBitrate,
    int Crf,
    int? MaxResolution,
    IReadOnlyList<DownloadCorrection> Corrections)
{
    public const int DefaultCrf = 23;
    public static readonly AudioBitrate DefaultAudioBitrate = AudioBitrate.FromKilobits(192);

    public DownloadContainer Container => DownloadContainers.Get(Format);

    /// <summary>Applies the defaults and the document's auto-corrections to a request that <see cref="DownloadRequest.Validate"/> accepted.</summary>
    /// <remarks>
    /// The document's rules: an unknown format is mp4; webm+h264 → vp9; webm+aac → opus; ogg/opus+aac → opus;
    /// mp3+aac → mp3; an audio_bitrate without an audio_codec → aac. The same reasoning covers what the
    /// document leaves out: any codec the container cannot hold becomes the container's own (webm+h265 → vp9,
    /// m4a+opus → aac), and audio_only with a video format writes m4a.
    /// </remarks>
    public static DownloadSettings Resolve(DownloadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var corrections = new List<DownloadCorrection>();

        var format = request.Format?.Trim().ToLowerInvariant();
        if (format is null)
        {
            format = request.AudioOnly ? DownloadContainers.DefaultAudioFormat : DownloadContainers.DefaultVideoFormat;
        }
        else if (DownloadContainers.Find(format) is null)
        {
            corrections.Add(new("format", format, DownloadContainers.DefaultVideoFormat,
                $"'{format}' is not a format ({string.Join(", ", DownloadContainers.Names)}), so mp4 is used."));
            format = DownloadContainers.DefaultVideoFormat;
        }

        if (request.AudioOnly && !DownloadContainers.Get(format).IsAudioOnly)
        {
            corrections.Add(new("format", format, DownloadContainers.DefaultAudioFormat, $"audio_only writes an audio format; {format} is a video format."));
            format = DownloadContainers.DefaultAudioFormat;
        }

        var container = DownloadContainers.Get(format);
        var videoCodec = request.VideoCodec ?? DownloadCodecs.Copy;
        if (!container.IsAudioOnly && videoCodec != DownloadCodecs.Copy && !container.VideoCodecs.Contains(DownloadCodecs.ProbeName(videoCodec)))
        {
            corrections.Add(new("video_codec", videoCodec, container.FallbackVideoCodec!, $"{format} cannot hold {videoCodec} video."));
            videoCodec = container.FallbackVideoCodec!;
        }

        var audioCodec = request.AudioCodec;
        if (audioCodec is null && request.AudioBitrate is not null)
        {
            corrections.Add(new("audio_codec", DownloadCodecs.Copy, DownloadCodecs.Aac, "audio_bitrate was set without audio_codec, so the audio is encoded as aac."));
            audioCodec = DownloadCodecs.Aac;
        }

        audioCodec ??= DownloadCodecs.Copy;
        if (audioCodec != DownloadCodecs.Copy && !container.AudioCodecs.Contains(audioCodec))
        {
            corrections.Add(new("audio_codec", audioCodec, container.FallbackAudioCodec, $"{format} cannot hold {audioCodec} audio."));
            audioCodec = container.FallbackAudioCodec;
        }

        var crf = request.Quality is { } preset ? DownloadRequest.QualityPresets[preset] : request.VideoQuality ?? DefaultCrf;
        return new DownloadSettings(format, container.IsAudioOnly, videoCodec, audioCodec, request.AudioBitrate ?? DefaultAudioBitrate, crf,
            request.MaxResolution, corrections);
    }
}
