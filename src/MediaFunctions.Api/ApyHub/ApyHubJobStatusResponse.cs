using System.Text.Json.Serialization;
using MediaFunctions.Api.Errors;
using MediaFunctions.Core.Jobs;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.ApyHub;

/// <summary>
/// ApyHub's check-status answer. <c>status</c> is one of ApyHub's four: a cancelled job reports
/// <c>failed</c> with the error code <c>cancelled</c>.
/// </summary>
/// <param name="Progress">0–100.</param>
/// <param name="Result">The audio, once completed.</param>
/// <param name="Error">Why it failed.</param>
public sealed record ApyHubJobStatusResponse(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("progress")] int Progress,
    [property: JsonPropertyName("result")] ApyHubAudioResult? Result,
    [property: JsonPropertyName("error")] ApiError? Error)
{
    public static ApyHubJobStatusResponse From(JobView job, HttpRequest request) =>
        new(job.Id,
            (job.State == JobState.Cancelled ? JobState.Failed : job.State).ToWire(),
            job.Progress,
            job.Outputs.Count > 0 ? ApyHubAudioResult.From(job.Outputs[0], request) : null,
            job.Error is { } error ? new ApiError(error.Code, error.Message) : null);
}
