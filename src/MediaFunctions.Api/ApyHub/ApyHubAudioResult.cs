using System.Text.Json.Serialization;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Jobs;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.ApyHub;

/// <summary>The extracted audio of a completed ApyHub job.</summary>
/// <param name="ExpiresAt">When <paramref name="Url"/> stops working; null for persistent jobs, whose link never expires.</param>
/// <param name="Duration">Seconds of audio.</param>
/// <param name="Size">Bytes.</param>
public sealed record ApyHubAudioResult(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("duration")] double Duration,
    [property: JsonPropertyName("size")] long Size)
{
    public static ApyHubAudioResult From(JobOutput output, HttpRequest request) =>
        new(FileLinks.For(output, request), output.ExpiresAt, output.Format, output.DurationSeconds, output.Size);
}
