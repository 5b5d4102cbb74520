using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediaFunctions.Core.Sources.Pages;

/// <summary>
/// The part of yt-dlp's <c>-J</c> info JSON we read; nothing else parses it. A single chosen format's
/// fields sit at the top level beside these, read as a <see cref="YtDlpFormat"/>.
/// </summary>
internal sealed record YtDlpInfo
{
    [JsonPropertyName("_type")]
    public string? Type { get; init; }

    [JsonPropertyName("entries")]
    public IReadOnlyList<JsonElement>? Entries { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("duration")]
    public double? Duration { get; init; }

    [JsonPropertyName("is_live")]
    public bool? IsLive { get; init; }

    [JsonPropertyName("thumbnail")]
    public string? Thumbnail { get; init; }

    [JsonPropertyName("subtitles")]
    public IReadOnlyDictionary<string, IReadOnlyList<YtDlpSubtitle>>? Subtitles { get; init; }

    [JsonPropertyName("requested_formats")]
    public IReadOnlyList<YtDlpFormat>? RequestedFormats { get; init; }
}

/// <summary>One format of <see cref="YtDlpInfo"/>.</summary>
internal sealed record YtDlpFormat
{
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("format_id")]
    public string? FormatId { get; init; }

    [JsonPropertyName("ext")]
    public string? Extension { get; init; }

    [JsonPropertyName("vcodec")]
    public string? VideoCodec { get; init; }

    [JsonPropertyName("acodec")]
    public string? AudioCodec { get; init; }

    [JsonPropertyName("protocol")]
    public string? Protocol { get; init; }

    [JsonPropertyName("width")]
    public int? Width { get; init; }

    [JsonPropertyName("height")]
    public int? Height { get; init; }

    [JsonPropertyName("http_headers")]
    public IReadOnlyDictionary<string, string>? HttpHeaders { get; init; }
}

/// <summary>One subtitle file of <see cref="YtDlpInfo"/>.</summary>
internal sealed record YtDlpSubtitle
{
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("ext")]
    public string? Extension { get; init; }
}
