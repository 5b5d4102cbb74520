using System.Text.Json.Serialization;
using MediaFunctions.Core.Uploads;

namespace MediaFunctions.Api.Uploads;

/// <summary>What ffprobe found in a completed upload: <c>{"duration", "format", "streams": [{"index", "kind", "codec"}]}</c>.</summary>
public sealed record UploadMediaResponse(
    [property: JsonPropertyName("duration")] double? Duration,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("streams")] IReadOnlyList<UploadMediaStreamResponse> Streams)
{
    public static UploadMediaResponse From(UploadMedia media) =>
        new(media.Duration, media.Format, [.. media.Streams.Select(stream => new UploadMediaStreamResponse(stream.Index, stream.Kind, stream.Codec))]);
}
