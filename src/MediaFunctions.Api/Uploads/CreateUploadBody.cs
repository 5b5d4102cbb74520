using System.Text.Json.Serialization;

namespace MediaFunctions.Api.Uploads;

/// <summary>The body of <c>POST /api/uploads</c>.</summary>
/// <param name="Size">The file's length in bytes.</param>
/// <param name="Name">The file's name: the job's output files are named after it.</param>
/// <param name="ContentType">The file's media type, stored with the blob.</param>
public sealed record CreateUploadBody(
    [property: JsonPropertyName("size")] long? Size,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("content_type")] string? ContentType);
