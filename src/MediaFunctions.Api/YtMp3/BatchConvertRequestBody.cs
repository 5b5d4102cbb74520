using System.Text.Json.Serialization;

namespace MediaFunctions.Api.YtMp3;

/// <summary>The body of <c>POST /batch-convert</c>.</summary>
/// <param name="Urls">Video pages or direct media URLs, one conversion each.</param>
/// <param name="Quality"><c>high</c> (320 kbit/s MP3, the default), <c>medium</c> (192) or <c>low</c> (128), for every URL.</param>
public sealed record BatchConvertRequestBody(
    [property: JsonPropertyName("urls")] IReadOnlyList<string?>? Urls,
    [property: JsonPropertyName("quality")] string? Quality);
