using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Validation;

namespace MediaFunctions.Api.Jobs;

/// <summary>
/// The JSON body of a download job, with the video-download document's field names: <c>POST /jobs</c>, and
/// <c>POST /api/jobs</c> with <c>kind: "download"</c>. Times, bit rates and resolutions are accepted as the
/// document writes them (<c>"00:01:30"</c>, <c>"192k"</c>, <c>"720"</c>) and as plain numbers.
/// </summary>
public sealed record DownloadJobBody
{
    /// <summary>The native API's job kind; must be <c>download</c> there.</summary>
    [JsonPropertyName("kind")] public string? Kind { get; init; }

    [JsonPropertyName("url")] public string? Url { get; init; }

    [JsonPropertyName("format")] public string? Format { get; init; }

    [JsonPropertyName("video_codec")] public string? VideoCodec { get; init; }

    [JsonPropertyName("audio_codec")] public string? AudioCodec { get; init; }

    [JsonPropertyName("audio_bitrate")] public JsonElement? AudioBitrate { get; init; }

    [JsonPropertyName("video_quality")] public JsonElement? VideoQuality { get; init; }

    [JsonPropertyName("quality")] public string? Quality { get; init; }

    [JsonPropertyName("max_resolution")] public JsonElement? MaxResolution { get; init; }

    [JsonPropertyName("clip_start")] public JsonElement? ClipStart { get; init; }

    [JsonPropertyName("clip_end")] public JsonElement? ClipEnd { get; init; }

    [JsonPropertyName("filename")] public string? FileName { get; init; }

    [JsonPropertyName("folder")] public string? Folder { get; init; }

    [JsonPropertyName("webhook_url")] public string? WebhookUrl { get; init; }

    [JsonPropertyName("progress_webhooks")] public bool? ProgressWebhooks { get; init; }

    [JsonPropertyName("audio_only")] public bool? AudioOnly { get; init; }

    [JsonPropertyName("subtitles")] public bool? Subtitles { get; init; }

    [JsonPropertyName("thumbnail")] public bool? Thumbnail { get; init; }

    [JsonPropertyName("live")] public bool? Live { get; init; }

    [JsonPropertyName("live_from_start")] public bool? LiveFromStart { get; init; }

    [JsonPropertyName("max_duration")] public JsonElement? MaxDuration { get; init; }

    [JsonPropertyName("wait_for_scheduled")] public bool? WaitForScheduled { get; init; }

    /// <summary>The caller's own storage for the files (s3, gcs, oss or azure, with its credentials); checked before the job is accepted.</summary>
    [JsonPropertyName("storage")] public InlineStorageRequest? Storage { get; init; }

    /// <summary>For playlists and shows: their jobs are created but not started. A single job starts at once.</summary>
    [JsonPropertyName("paused")] public bool? Paused { get; init; }

    /// <summary>Keep the files until the job is deleted, behind stable links (this service's own field).</summary>
    [JsonPropertyName("persistent")] public bool? Persistent { get; init; }

    /// <summary>The request as the core takes it, or every field that cannot be read, each by name.</summary>
    /// <exception cref="InvalidJobInputException"><c>invalid_field</c> naming every unreadable field.</exception>
    public DownloadRequest ToRequest()
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(Url))
        {
            errors.Add(new("url", "url is required: the http or https URL of the video, stream or page to download."));
        }

        var request = ReadOptions(errors);
        return errors.Count > 0 ? throw InvalidJobInputException.InvalidFields(errors) : request;
    }

    /// <summary>The download options alone (every field but <c>url</c>), adding what cannot be read to <paramref name="errors"/>; a batch's items take them.</summary>
    internal DownloadRequest ReadOptions(List<ValidationError> errors) =>
        new()
        {
            Format = Format,
            VideoCodec = VideoCodec?.Trim().ToLowerInvariant(),
            AudioCodec = AudioCodec?.Trim().ToLowerInvariant(),
            AudioBitrate = ReadBitrate(AudioBitrate, errors),
            VideoQuality = ReadInteger(VideoQuality, "video_quality", "a CRF from 0 to 51", errors),
            Quality = Quality?.Trim().ToLowerInvariant(),
            MaxResolution = ReadResolution(MaxResolution, errors),
            ClipStartSeconds = ReadTime(ClipStart, "clip_start", errors),
            ClipEndSeconds = ReadTime(ClipEnd, "clip_end", errors),
            FileName = FileName,
            Folder = Folder,
            AudioOnly = AudioOnly ?? false,
            Subtitles = Subtitles ?? false,
            Thumbnail = Thumbnail ?? false,
            Live = Live,
            LiveFromStart = LiveFromStart ?? false,
            MaxDurationSeconds = ReadInteger(MaxDuration, "max_duration", "a number of seconds, e.g. 7200", errors),
            WaitForScheduled = WaitForScheduled ?? false,
            ProgressWebhooks = ProgressWebhooks ?? false,
        };

    private static AudioBitrate? ReadBitrate(JsonElement? value, List<ValidationError> errors)
    {
        var text = value switch
        {
            null or { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.Number } number => $"{number.GetRawText()}k",
            { ValueKind: JsonValueKind.String } word => word.GetString(),
            _ => "",
        };
        if (text is null)
        {
            return null;
        }

        if (Core.Ffmpeg.AudioBitrate.TryParse(text, out var bitrate))
        {
            return bitrate;
        }

        errors.Add(new("audio_bitrate", $"audio_bitrate must be a bit rate such as 64k, 128k, 192k, 256k or 320k, not {value!.Value.GetRawText()}."));
        return null;
    }

    private static int? ReadResolution(JsonElement? value, List<ValidationError> errors)
    {
        if (value is { ValueKind: JsonValueKind.String } word && string.Equals(word.GetString()?.Trim(), "best", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // "720p" reads as 720: it is how people write it.
        if (value is { ValueKind: JsonValueKind.String } named && named.GetString()?.Trim().TrimEnd('p', 'P') is { } digits
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var height))
        {
            return height;
        }

        return ReadInteger(value, "max_resolution", $"best or one of {string.Join(", ", DownloadRequest.MaxResolutions)}", errors);
    }

    private static int? ReadInteger(JsonElement? value, string field, string expected, List<ValidationError> errors)
    {
        switch (value)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return null;
            case { ValueKind: JsonValueKind.Number } number when number.TryGetInt32(out var integer):
                return integer;
            case { ValueKind: JsonValueKind.String } word when int.TryParse(word.GetString()?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                errors.Add(new(field, $"{field} must be {expected}, not {value.Value.GetRawText()}."));
                return null;
        }
    }

    private static double? ReadTime(JsonElement? value, string field, List<ValidationError> errors)
    {
        switch (value)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return null;
            case { ValueKind: JsonValueKind.Number } number:
                return number.GetDouble();
            case { ValueKind: JsonValueKind.String } word when MediaTime.TryParse(word.GetString(), out var time):
                return time.TotalSeconds;
            default:
                errors.Add(new(field, $"{field} must be HH:MM:SS, MM:SS or seconds (00:01:30 or 90), not {value.Value.GetRawText()}."));
                return null;
        }
    }
}
