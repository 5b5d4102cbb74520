using System.Text.Json.Serialization;
using MediaFunctions.Core.Batches;

namespace MediaFunctions.Api.Batches;

/// <summary>The JSON body of <c>PATCH /api/batches/{id}/jobs</c>: new file names for jobs of a paused batch.</summary>
public sealed record BatchRenamesBody
{
    [JsonPropertyName("renames")] public IReadOnlyList<BatchRenameBody>? Renames { get; init; }

    /// <summary>The renames as the core takes them; an absent list is an empty one (which the core refuses).</summary>
    public IReadOnlyList<BatchRename> ToRenames() => [.. (Renames ?? []).Select(rename => new BatchRename(rename?.JobId!, rename?.FileName!))];
}
