using MediaFunctions.Api.Errors;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Api.Batches;

/// <summary>One item of a batch as <c>GET /api/batches/{id}</c> shows it: what its source said of it, and its job.</summary>
/// <param name="JobId">Null for an item refused when the batch was created (its URL was not allowed): it has no job.</param>
/// <param name="FileName">The name a rename gave its file (without extension); null names it after the title.</param>
/// <param name="State">Its job's state (pending, in_progress, completed, failed, cancelled); failed for a refused item.</param>
/// <param name="Error">Why it was refused, or why its job failed or was cancelled.</param>
/// <param name="Job">Its job as <c>GET /api/jobs/{jobId}</c> shows it; null for a refused item.</param>
public sealed record BatchItemResponse(
    int Index,
    string? JobId,
    string Url,
    string? Title,
    string? Description,
    DateTimeOffset? PublishedAt,
    double? DurationSeconds,
    string? ImageUrl,
    string? FileName,
    string State,
    ApiError? Error,
    JobResponse? Job)
{
    /// <summary>The item, with its job's stable file links built on <paramref name="apiBaseUrl"/>.</summary>
    public static BatchItemResponse From(BatchItemView view, Uri apiBaseUrl)
    {
        var item = view.Item;
        var error = item.Refusal ?? view.Job?.Error;
        return new(item.Index, item.JobId, item.Url, item.Title, item.Description, item.PublishedAt, item.DurationSeconds, item.ImageUrl, item.FileName,
            view.State.ToWire(), error is null ? null : new ApiError(error.Code, error.Message),
            view.Job is { } job ? JobResponse.From(job, apiBaseUrl) : null);
    }
}
