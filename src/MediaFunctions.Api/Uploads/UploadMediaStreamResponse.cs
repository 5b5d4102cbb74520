using System.Text.Json.Serialization;

namespace MediaFunctions.Api.Uploads;

/// <summary>One stream of a completed upload: its index, kind (audio, video, subtitle, data, attachment) and codec.</summary>
public sealed record UploadMediaStreamResponse(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("codec")] string? Codec);
