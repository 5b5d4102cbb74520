using System.Text.Json.Serialization;

namespace MediaFunctions.Api.VideoDownload;

/// <summary>The answer of <c>POST /batch/{id}/start</c>: the batch's jobs are queued to run.</summary>
/// <param name="StartedJobs">How many jobs the start released (every item that has a job).</param>
public sealed record BatchStartedResponse(
    [property: JsonPropertyName("batch_id")] string BatchId,
    [property: JsonPropertyName("started_jobs")] int StartedJobs,
    [property: JsonPropertyName("status")] string Status);
