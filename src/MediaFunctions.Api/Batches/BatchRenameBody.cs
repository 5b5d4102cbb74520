using System.Text.Json.Serialization;

namespace MediaFunctions.Api.Batches;

/// <summary>One rename of <see cref="BatchRenamesBody"/>: a job of the batch and its file's new name, without extension.</summary>
public sealed record BatchRenameBody(
    [property: JsonPropertyName("job_id")] string? JobId,
    [property: JsonPropertyName("filename")] string? FileName);
