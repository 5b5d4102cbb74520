using System.Text.Json.Serialization;
using MediaFunctions.Core.Media.Audio;
using MediaFunctions.Core.Media.ExtractAudio;

namespace MediaFunctions.Api.Jobs;

/// <summary>What a job was asked to do, with the request's own field names and every default filled in.</summary>
public sealed record ExtractAudioSettingsResponse(
    [property: JsonPropertyName(ExtractAudioFields.StartTime)] double StartTime,
    [property: JsonPropertyName(ExtractAudioFields.Duration)] double? Duration,
    [property: JsonPropertyName(ExtractAudioFields.FullAudio)] bool FullAudio,
    [property: JsonPropertyName(ExtractAudioFields.OutputFormat)] IReadOnlyList<string> OutputFormat)
{
    /// <param name="request">The job's request; <c>duration</c> is null when <c>full_audio</c> makes it moot.</param>
    public static ExtractAudioSettingsResponse From(ExtractAudioRequest request) =>
        new(request.StartSeconds, request.FullAudio ? null : request.DurationSeconds, request.FullAudio,
            [.. request.Formats.Select(format => AudioFormatCatalog.Get(format).Name)]);
}
