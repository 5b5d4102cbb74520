using System.Text.Json.Serialization;

namespace MediaFunctions.Api.VideoDownload;

/// <summary>The body of <c>PATCH /batch/{id}/jobs</c>: new file names for jobs of a paused batch.</summary>
public sealed record BatchRenamesBody(
    [property: JsonPropertyName("renames")] IReadOnlyList<BatchRenameBody>? Renames);

/// <summary>One rename: a job of the batch and its new file name, without extension.</summary>
public sealed record BatchRenameBody(
    [property: JsonPropertyName("job_id")] string? JobId,
    [property: JsonPropertyName("filename")] string? FileName);
