using System.Text.Json.Serialization;
using MediaFunctions.Api.Errors;
using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Api.YtMp3;

/// <summary>The answer of <c>POST /batch-convert</c>: the batch, and one entry per URL in the order given.</summary>
public sealed record BatchConversionResponse(
    [property: JsonPropertyName("batch_id")] string BatchId,
    [property: JsonPropertyName("jobs")] IReadOnlyList<BatchConversionJob> Jobs)
{
    public static BatchConversionResponse From(BatchView batch) => new(batch.Id, [.. batch.Items.Select(BatchConversionJob.Of)]);
}

/// <summary>
/// One URL of a batch conversion: its conversion, which <c>GET /status/{conversion_id}</c> follows; or, for a URL
/// refused when the batch was created, no conversion and the reason.
/// </summary>
/// <param name="Status"><c>pending</c>, <c>processing</c>, <c>completed</c>, <c>failed</c> or <c>cancelled</c>.</param>
public sealed record BatchConversionJob(
    [property: JsonPropertyName("conversion_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ConversionId,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("progress"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Progress,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ApiError? Error)
{
    public static BatchConversionJob Of(BatchItemView item) => item.Job is { } job
        ? new(job.Id, item.Item.Url, ConversionResponse.StatusOf(job.State), job.Progress, job.Error is { } error ? new ApiError(error.Code, error.Message) : null)
        : new(null, item.Item.Url, JobState.Failed.ToWire(), null,
            item.Item.Refusal is { } refusal ? new ApiError(refusal.Code, refusal.Message) : null);
}
