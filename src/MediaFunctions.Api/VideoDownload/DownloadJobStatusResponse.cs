using System.Text.Json.Serialization;
using MediaFunctions.Api.Errors;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Download;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.VideoDownload;

/// <summary><c>GET /jobs/{id}</c> of the video-download dialect: state, stage and progress, and once done the file and its companions.</summary>
/// <param name="State">pending, in_progress, completed, failed or cancelled.</param>
/// <param name="Stage">queued, waiting, downloading, processing, recording, uploading or completed.</param>
/// <param name="Progress">0–100.</param>
/// <param name="Result">The file, once completed.</param>
/// <param name="Corrections">Options the job changed so the output could be written (the codec auto-corrections), and why.</param>
public sealed record DownloadJobStatusResponse(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("progress")] int Progress,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("result")] DownloadJobResult? Result,
    [property: JsonPropertyName("corrections")] IReadOnlyList<DownloadJobCorrection> Corrections,
    [property: JsonPropertyName("error")] ApiError? Error)
{
    public static DownloadJobStatusResponse From(JobView job, HttpRequest request)
    {
        var apiBaseUrl = FileLinks.ApiBaseUrl(request);
        var media = job.Outputs.FirstOrDefault(output => output.Role == JobOutput.MediaRole);
        return new(job.Id, job.State.ToWire(), job.Stage, job.Progress, job.SourceUrl, job.CreatedAt, job.UpdatedAt,
            media is null ? null : DownloadJobResult.From(media, job.Outputs, apiBaseUrl),
            [.. (job.Corrections ?? []).Select(DownloadJobCorrection.Of)],
            job.Error is { } error ? new ApiError(error.Code, error.Message) : null);
    }
}

/// <summary>The downloaded file: its link, size, length, format, codecs and resolution, and its subtitle and thumbnail links.</summary>
/// <param name="ExpiresAt">When the links stop working; null for persistent jobs.</param>
/// <param name="Duration">Seconds.</param>
/// <param name="Resolution">WIDTHxHEIGHT of the video; null for audio.</param>
/// <param name="SubtitleUrl">The first subtitle track's WebVTT link; every track is in <paramref name="Subtitles"/>.</param>
/// <param name="StorageLocation">Where the file is in the caller's own storage (inline storage).</param>
public sealed record DownloadJobResult(
    [property: JsonPropertyName("download_url")] string DownloadUrl,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("filename")] string FileName,
    [property: JsonPropertyName("file_size")] long FileSize,
    [property: JsonPropertyName("duration")] double Duration,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("video_codec")] string? VideoCodec,
    [property: JsonPropertyName("audio_codec")] string? AudioCodec,
    [property: JsonPropertyName("resolution")] string? Resolution,
    [property: JsonPropertyName("width")] int? Width,
    [property: JsonPropertyName("height")] int? Height,
    [property: JsonPropertyName("subtitle_url")] string? SubtitleUrl,
    [property: JsonPropertyName("subtitles")] IReadOnlyList<DownloadJobSubtitle> Subtitles,
    [property: JsonPropertyName("thumbnail_url")] string? ThumbnailUrl,
    [property: JsonPropertyName("storage_location")] string? StorageLocation)
{
    private const string NoAudio = "none";

    public static DownloadJobResult From(JobOutput media, IReadOnlyList<JobOutput> outputs, Uri apiBaseUrl)
    {
        var subtitles = outputs.Where(output => output.Role == JobOutput.SubtitlesRole)
            .Select(output => new DownloadJobSubtitle(output.Language ?? "und", FileLinks.For(output, apiBaseUrl))).ToList();
        var thumbnail = outputs.FirstOrDefault(output => output.Role == JobOutput.ThumbnailRole);
        return new(FileLinks.For(media, apiBaseUrl), media.ExpiresAt, media.FileName, media.Size, media.DurationSeconds, media.Format,
            media.VideoCodec, media.Codec == NoAudio ? null : media.Codec,
            media.Width is { } width && media.Height is { } height ? $"{width}x{height}" : null, media.Width, media.Height,
            subtitles.FirstOrDefault()?.Url, subtitles, thumbnail is null ? null : FileLinks.For(thumbnail, apiBaseUrl), media.StorageLocation);
    }
}

/// <summary>One subtitle track, as WebVTT.</summary>
public sealed record DownloadJobSubtitle(
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("url")] string Url);

/// <summary>One option the job changed: from what, to what, and why.</summary>
public sealed record DownloadJobCorrection(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("reason")] string Reason)
{
    public static DownloadJobCorrection Of(DownloadCorrection correction) => new(correction.Field, correction.From, correction.To, correction.Reason);
}
