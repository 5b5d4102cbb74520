using System.Text.Json;
using System.Text.Json.Serialization;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.ExtractAudio;
using MediaFunctions.Core.Validation;

namespace MediaFunctions.Api.Jobs;

/// <summary>
/// The JSON body of <c>POST /api/jobs/extract-audio</c> for media reachable by URL; the fields
/// have the form's names and defaults.
/// </summary>
public sealed record ExtractAudioJobBody
{
    /// <summary>Where the media is.</summary>
    public JobSourceBody? Source { get; init; }

    /// <summary>One format or a list of them: mp3, wav, aac, ogg, flac, wma, ac3, amr. Default mp3.</summary>
    [JsonPropertyName(ExtractAudioFields.OutputFormat)]
    [JsonConverter(typeof(OneOrManyStringsConverter))]
    public IReadOnlyList<string>? OutputFormat { get; init; }

    /// <summary>Seconds from the start of the media. Default 0.</summary>
    [JsonPropertyName(ExtractAudioFields.StartTime)]
    public double? StartTime { get; init; }

    /// <summary>Seconds of audio; ignored with full_audio. Default 2.</summary>
    [JsonPropertyName(ExtractAudioFields.Duration)]
    public double? Duration { get; init; }

    /// <summary>Everything from start_time to the end. Default false.</summary>
    [JsonPropertyName(ExtractAudioFields.FullAudio)]
    public bool? FullAudio { get; init; }

    /// <summary>Keep the files until the job is deleted, behind stable links. Default false.</summary>
    [JsonPropertyName(ExtractAudioFields.Persistent)]
    public bool? Persistent { get; init; }

    /// <summary>Where to POST the job's view (signed) when it completes or fails: an absolute http or https URL. Default none.</summary>
    [JsonPropertyName(ExtractAudioFields.WebhookUrl)]
    public string? WebhookUrl { get; init; }

    /// <summary>The native request, with defaults for what is absent.</summary>
    /// <exception cref="InvalidJobInputException"><c>invalid_field</c> for a missing source or an unknown format.</exception>
    public ExtractAudioRequest ToRequest()
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(Source?.Url) == string.IsNullOrWhiteSpace(Source?.Upload))
        {
            errors.Add(new("source.url", "source.url is required: the http or https URL of the media; or instead source.upload, the id of a "
                + "completed upload session (not both); or upload the file as multipart/form-data."));
        }

        var request = ReadOptions(errors);
        return errors.Count > 0 ? throw InvalidJobInputException.InvalidFields(errors) : request;
    }

    /// <summary>The audio options alone (every field but <c>source</c>), adding what cannot be read to <paramref name="errors"/>; a batch's items take them.</summary>
    internal ExtractAudioRequest ReadOptions(List<ValidationError> errors)
    {
        var request = new ExtractAudioRequest
        {
            StartSeconds = StartTime ?? 0,
            DurationSeconds = Duration ?? ExtractAudioRequest.DefaultDurationSeconds,
            FullAudio = FullAudio ?? false,
        };
        return OutputFormat is { Count: > 0 } names && ExtractAudioFields.ParseFormats(names, errors) is { Count: > 0 } formats
            ? request with { Formats = formats }
            : request;
    }

    /// <summary>Reads <c>"mp3"</c> and <c>["mp3","wav"]</c> alike.</summary>
    private sealed class OneOrManyStringsConverter : JsonConverter<IReadOnlyList<string>>
    {
        public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
                ? [reader.GetString()!]
                : JsonSerializer.Deserialize<string[]>(ref reader, options) ?? [];

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, options);
    }
}
