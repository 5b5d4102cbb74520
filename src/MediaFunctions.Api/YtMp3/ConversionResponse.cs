using System.Text.Json.Serialization;
using MediaFunctions.Api.Errors;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Jobs;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.YtMp3;

/// <summary>A conversion as <c>/convert</c> and <c>/status/{conversion_id}</c> answer it.</summary>
/// <param name="Status"><c>pending</c>, <c>processing</c>, <c>completed</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="Progress">Percent, 0–100.</param>
/// <param name="DownloadUrl">The MP3, once completed.</param>
/// <param name="ExpiresAt">When the download link stops working.</param>
public sealed record ConversionResponse(
    [property: JsonPropertyName("conversion_id")] string ConversionId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("progress")] int Progress,
    [property: JsonPropertyName("download_url")] string? DownloadUrl,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("duration")] double? DurationSeconds,
    [property: JsonPropertyName("size")] long? Size,
    [property: JsonPropertyName("error")] ApiError? Error)
{
    public static ConversionResponse From(JobView job, HttpRequest request)
    {
        var mp3 = job.Outputs.FirstOrDefault();
        return new(job.Id,
            StatusOf(job.State),
            job.Progress,
            mp3 is null ? null : FileLinks.For(mp3, request),
            mp3?.ExpiresAt,
            mp3?.DurationSeconds,
            mp3?.Size,
            job.Error is { } error ? new ApiError(error.Code, error.Message) : null);
    }

    /// <summary>The document's name of a job state: <c>processing</c> for a job at work, else the state's own.</summary>
    public static string StatusOf(JobState state) => state == JobState.InProgress ? "processing" : state.ToWire();
}
