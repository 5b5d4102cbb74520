using System.Text.Json.Serialization;

namespace MediaFunctions.Api.VideoDownload;

/// <summary>
/// The answer of <c>PATCH /batch/{id}/jobs</c>: how many jobs were renamed. Renames are all applied or none, so
/// <paramref name="Errors"/> is always empty here; a refused request answers 400 naming each problem.
/// </summary>
public sealed record BatchRenamesResponse(
    [property: JsonPropertyName("updated")] int Updated,
    [property: JsonPropertyName("errors")] IReadOnlyList<string> Errors);
