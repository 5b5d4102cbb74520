using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Validation;

namespace MediaFunctions.Core.Media.Download;

/// <summary>
/// A download job's options as the user gave them (the video-download document's fields); null is
/// "not given", so the document's defaults and auto-corrections can tell an absent field from a chosen
/// one. <see cref="DownloadSettings.Resolve"/> turns it into what the job does.
/// </summary>
public sealed record DownloadRequest
{
    public const int MaxFileNameLength = 255;
    public const int MaxFolderLength = 200;
    public const int MinAudioKilobits = 64;
    public const int MaxAudioKilobits = 320;
    public const int MaxCrf = 51;

    /// <summary>The quality presets, best first, with the CRF each stands for.</summary>
    public static IReadOnlyDictionary<string, int> QualityPresets { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["highest"] = 18,
        ["high"] = 20,
        ["medium"] = 23,
        ["low"] = 28,
        ["lowest"] = 32,
    };

    /// <summary>The accepted <c>max_resolution</c> values (the shorter side, in pixels); null is <c>best</c>.</summary>
    public static IReadOnlyList<int> MaxResolutions { get; } = [2160, 1440, 1080, 720, 480, 360];

    /// <summary><c>format</c>: a name of <see cref="DownloadContainers"/>; anything else becomes mp4.</summary>
    public string? Format { get; init; }

    /// <summary><c>video_codec</c>: one of <see cref="DownloadCodecs.VideoNames"/>.</summary>
    public string? VideoCodec { get; init; }

    /// <summary><c>audio_codec</c>: one of <see cref="DownloadCodecs.AudioNames"/>.</summary>
    public string? AudioCodec { get; init; }

    /// <summary><c>audio_bitrate</c>: 64k–320k, used when audio is encoded.</summary>
    public AudioBitrate? AudioBitrate { get; init; }

    /// <summary><c>video_quality</c>: the CRF (0–51, lower is better) of encoded video.</summary>
    public int? VideoQuality { get; init; }

    /// <summary><c>quality</c>: a name of <see cref="QualityPresets"/>; overrides <see cref="VideoQuality"/>.</summary>
    public string? Quality { get; init; }

    /// <summary><c>max_resolution</c>: the largest shorter side, one of <see cref="MaxResolutions"/>; null for the best there is.</summary>
    public int? MaxResolution { get; init; }

    /// <summary><c>clip_start</c>, in seconds.</summary>
    public double? ClipStartSeconds { get; init; }

    /// <summary><c>clip_end</c>, in seconds; after the start.</summary>
    public double? ClipEndSeconds { get; init; }

    /// <summary><c>filename</c>: the output's name without its extension.</summary>
    public string? FileName { get; init; }

    /// <summary><c>folder</c>: a prefix the output is stored under.</summary>
    public string? Folder { get; init; }

    /// <summary><c>audio_only</c>: the audio track alone (m4a unless the format says otherwise).</summary>
    public bool AudioOnly { get; init; }

    /// <summary><c>subtitles</c>: the source's subtitle tracks as WebVTT files.</summary>
    public bool Subtitles { get; init; }

    /// <summary><c>thumbnail</c>: the page's thumbnail, or a frame of the video.</summary>
    public bool Thumbnail { get; init; }

    /// <summary><c>live</c>: record a live stream; null detects it, true refuses a URL that is not live (422).</summary>
    public bool? Live { get; init; }

    /// <summary><c>live_from_start</c>: record a live stream from its earliest available segment, not the live point.</summary>
    public bool LiveFromStart { get; init; }

    /// <summary><c>max_duration</c>: the longest recording (or download), in seconds.</summary>
    public int? MaxDurationSeconds { get; init; }

    /// <summary><c>wait_for_scheduled</c>: a stream that has not started yet is waited for.</summary>
    public bool WaitForScheduled { get; init; }

    /// <summary><c>progress_webhooks</c>: the webhook also hears of each stage the job enters.</summary>
    public bool ProgressWebhooks { get; init; }

    /// <summary>Everything wrong with the request, each naming its field; empty when it can be used.</summary>
    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        if (VideoCodec is not null && !DownloadCodecs.VideoNames.Contains(VideoCodec))
        {
            errors.Add(new("video_codec", $"video_codec must be one of {string.Join(", ", DownloadCodecs.VideoNames)}, not '{VideoCodec}'."));
        }

        if (AudioCodec is not null && !DownloadCodecs.AudioNames.Contains(AudioCodec))
        {
            errors.Add(new("audio_codec", $"audio_codec must be one of {string.Join(", ", DownloadCodecs.AudioNames)}, not '{AudioCodec}'."));
        }

        if (AudioBitrate is { } bitrate && (bitrate.BitsPerSecond < MinAudioKilobits * 1000 || bitrate.BitsPerSecond > MaxAudioKilobits * 1000))
        {
            errors.Add(new("audio_bitrate", $"audio_bitrate must be from {MinAudioKilobits}k to {MaxAudioKilobits}k (64k, 128k, 192k, 256k, 320k), not {bitrate}."));
        }

        if (VideoQuality is < 0 or > MaxCrf)
        {
            errors.Add(new("video_quality", $"video_quality is a CRF from 0 (best) to {MaxCrf} (smallest), not {VideoQuality}."));
        }

        if (Quality is not null && !QualityPresets.ContainsKey(Quality))
        {
            errors.Add(new("quality", $"quality must be one of {string.Join(", ", QualityPresets.Keys)}, not '{Quality}'."));
        }

        if (MaxResolution is { } height && !MaxResolutions.Contains(height))
        {
            errors.Add(new("max_resolution", $"max_resolution must be best or one of {string.Join(", ", MaxResolutions)}, not {height}."));
        }

        var longest = MediaTime.MaxValue.TotalSeconds;
        if (ClipStartSeconds is { } start && (!double.IsFinite(start) || start < 0 || start > longest))
        {
            errors.Add(new("clip_start", "clip_start must be a time from 0: HH:MM:SS, MM:SS or seconds (00:01:30 or 90)."));
        }

        if (ClipEndSeconds is { } end && (!double.IsFinite(end) || end <= 0 || end > longest))
        {
            errors.Add(new("clip_end", "clip_end must be a time after 0: HH:MM:SS, MM:SS or seconds (00:05:00 or 300)."));
        }
        else if (ClipEndSeconds is { } clipEnd && clipEnd <= (ClipStartSeconds ?? 0))
        {
            errors.Add(new("clip_end", $"clip_end ({clipEnd:0.###} s) must be greater than clip_start ({ClipStartSeconds ?? 0:0.###} s)."));
        }

        if (FileName is not null && FileNameProblem(FileName) is { } fileNameProblem)
        {
            errors.Add(new("filename", fileNameProblem));
        }

        if (Folder is not null && FolderProblem(Folder) is { } folderProblem)
        {
            errors.Add(new("folder", folderProblem));
        }

        if (MaxDurationSeconds is <= 0 or > (int)(100 * 3600))
        {
            errors.Add(new("max_duration", $"max_duration must be a number of seconds from 1 to {100 * 3600} (e.g. 7200 for 2 hours), not {MaxDurationSeconds}."));
        }

        return errors;
    }

    /// <summary>Why a custom file name (without extension) cannot be used, or null when it can.</summary>
    public static string? FileNameProblem(string name) => name switch
    {
        _ when string.IsNullOrWhiteSpace(name) => "filename must not be empty or whitespace.",
        { Length: > MaxFileNameLength } => $"filename is {name.Length} characters; the most is {MaxFileNameLength}.",
        _ when name.Contains("..", StringComparison.Ordinal) => "filename must not contain '..'.",
        _ when name.IndexOfAny(['/', '\\']) >= 0 => "filename must not contain '/' or '\\'.",
        _ when name.Contains('\0', StringComparison.Ordinal) => "filename must not contain null bytes.",
        _ when name.Any(char.IsControl) => "filename must not contain control characters.",
        _ => null,
    };

    /// <summary>Why a folder prefix cannot be used, or null when it can.</summary>
    public static string? FolderProblem(string folder) => folder switch
    {
        _ when string.IsNullOrWhiteSpace(folder) => "folder must not be empty or whitespace; leave it out for none.",
        { Length: > MaxFolderLength } => $"folder is {folder.Length} characters; the most is {MaxFolderLength}.",
        _ when folder.Contains("..", StringComparison.Ordinal) => "folder must not contain '..'.",
        _ when folder[0] is '/' or '\\' => "folder must not start with '/' or '\\'.",
        _ when folder.Any(char.IsControl) => "folder must not contain control characters or null bytes.",
        _ => null,
    };
}
