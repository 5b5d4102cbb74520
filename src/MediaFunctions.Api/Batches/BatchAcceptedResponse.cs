using MediaFunctions.Api.Jobs;

namespace MediaFunctions.Api.Batches;

/// <summary>The 202 answer of <c>POST /api/batches</c>: the batch orchestration's check-status payload, the batch's id and its jobs' ids.</summary>
public sealed record BatchAcceptedResponse : CheckStatusResponse
{
    public BatchAcceptedResponse(CheckStatusResponse links, string batchId, IReadOnlyList<string?> jobIds)
        : base(links)
    {
        BatchId = batchId;
        JobIds = jobIds;
    }

    /// <summary>The batch's id, for <c>/api/batches/{id}</c> (the same as <see cref="CheckStatusResponse.Id"/>).</summary>
    public string BatchId { get; }

    /// <summary>Each item's job id, in item order; null for an item refused at creation (its URL was not allowed).</summary>
    public IReadOnlyList<string?> JobIds { get; }
}
