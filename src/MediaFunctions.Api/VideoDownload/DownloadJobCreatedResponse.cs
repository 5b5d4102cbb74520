using System.Text.Json.Serialization;

namespace MediaFunctions.Api.VideoDownload;

/// <summary>The answer of <c>POST /jobs</c> for a single video: the job's id, and where to follow it.</summary>
public sealed record DownloadJobCreatedResponse(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("status_url")] string StatusUrl);
