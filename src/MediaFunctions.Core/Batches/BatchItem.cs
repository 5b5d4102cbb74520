using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Core.Batches;

/// <summary>One item of a batch: what it reads, what its source said of it, and the job that handles it.</summary>
/// <param name="Index">Its place in the batch, from 0.</param>
/// <param name="JobId">The id its job has (and, before it starts, will have); null for an item refused when the batch was created.</param>
/// <param name="FileName">The file name given by a rename (without extension); null names the file after the item's title.</param>
/// <param name="Refusal">Why the item was refused when the batch was created (a URL of a list that is not allowed); it never runs.</param>
public sealed record BatchItem(
    int Index,
    string? JobId,
    string Url,
    string? Title = null,
    string? Description = null,
    DateTimeOffset? PublishedAt = null,
    double? DurationSeconds = null,
    string? ImageUrl = null,
    string? FileName = null,
    JobError? Refusal = null)
{
    /// <summary>The id of the job of item <paramref name="index"/> of batch <paramref name="batchId"/>; it carries the batch's id, so the key's.</summary>
    public static string JobIdFor(string batchId, int index) => $"{batchId}-{index:D5}";

    /// <summary>The batch id of an item job id made by <see cref="JobIdFor"/>, or null when the id is not one.</summary>
    public static string? BatchIdOf(string jobId)
    {
        var dash = jobId.LastIndexOf('-');
        return dash > 0 && jobId.Length - dash - 1 == 5 && jobId[(dash + 1)..].All(char.IsAsciiDigit) ? jobId[..dash] : null;
    }
}
