using System.Text.Json.Serialization;

namespace MediaFunctions.Api.YtMp3;

/// <summary>The body of <c>POST /convert</c>.</summary>
/// <param name="Url">A video page (YouTube and the other sites yt-dlp knows) or a direct media URL.</param>
/// <param name="Quality"><c>high</c> (320 kbit/s MP3, the default), <c>medium</c> (192) or <c>low</c> (128).</param>
public sealed record ConvertRequestBody(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("quality")] string? Quality);
