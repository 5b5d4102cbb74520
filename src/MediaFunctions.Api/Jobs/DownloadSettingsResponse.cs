using System.Text.Json.Serialization;
using MediaFunctions.Core.Media.Download;

namespace MediaFunctions.Api.Jobs;

/// <summary>What a download job was asked to do, with the request's own field names; null for what was not given.</summary>
public sealed record DownloadSettingsResponse(
    [property: JsonPropertyName("format")] string? Format,
    [property: JsonPropertyName("video_codec")] string? VideoCodec,
    [property: JsonPropertyName("audio_codec")] string? AudioCodec,
    [property: JsonPropertyName("audio_bitrate")] string? AudioBitrate,
    [property: JsonPropertyName("video_quality")] int? VideoQuality,
    [property: JsonPropertyName("quality")] string? Quality,
    [property: JsonPropertyName("max_resolution")] string MaxResolution,
    [property: JsonPropertyName("clip_start")] double? ClipStart,
    [property: JsonPropertyName("clip_end")] double? ClipEnd,
    [property: JsonPropertyName("filename")] string? FileName,
    [property: JsonPropertyName("folder")] string? Folder,
    [property: JsonPropertyName("audio_only")] bool AudioOnly,
    [property: JsonPropertyName("subtitles")] bool Subtitles,
    [property: JsonPropertyName("thumbnail")] bool Thumbnail,
    [property: JsonPropertyName("live")] bool? Live,
    [property: JsonPropertyName("live_from_start")] bool LiveFromStart,
    [property: JsonPropertyName("max_duration")] int? MaxDuration,
    [property: JsonPropertyName("wait_for_scheduled")] bool WaitForScheduled,
    [property: JsonPropertyName("progress_webhooks")] bool ProgressWebhooks)
{
    public static DownloadSettingsResponse From(DownloadRequest request) =>
        new(request.Format, request.VideoCodec, request.AudioCodec, request.AudioBitrate?.ToArgument(), request.VideoQuality, request.Quality,
            request.MaxResolution?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "best", request.ClipStartSeconds, request.ClipEndSeconds,
            request.FileName, request.Folder, request.AudioOnly, request.Subtitles, request.Thumbnail, request.Live, request.LiveFromStart, request.MaxDurationSeconds,
            request.WaitForScheduled, request.ProgressWebhooks);
}
