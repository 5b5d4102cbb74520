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

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>A flat playlist entry's own URL, or the chosen format's media URL of a video.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("webpage_url")]
    public string? WebpageUrl { get; init; }

    /// <summary>How many entries the whole playlist has, when the site says.</summary>
    [JsonPropertyName("playlist_count")]
    public int? PlaylistCount { get; init; }

    [JsonPropertyName("timestamp")]
    public double? Timestamp { get; init; }

    [JsonPropertyName("release_timestamp")]
    public double? ReleaseTimestamp { get; init; }

    /// <summary>The upload day as <c>YYYYMMDD</c>.</summary>
    [JsonPropertyName("upload_date")]
    public string? UploadDate { get; init; }

    [JsonPropertyName("duration")]
    public double? Duration { get; init; }

    [JsonPropertyName("is_live")]
    public bool? IsLive { get; init; }

    [JsonPropertyName("thumbnail")]
    public string? Thumbnail { get; init; }

    /// <summary>Thumbnails from worst to best, where a site lists several instead of one <see cref="Thumbnail"/>.</summary>
    [JsonPropertyName("thumbnails")]
    public IReadOnlyList<YtDlpThumbnail>? Thumbnails { get; init; }

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

/// <summary>One thumbnail of <see cref="YtDlpInfo"/>.</summary>
internal sealed record YtDlpThumbnail
{
    [JsonPropertyName("url")]
    public string? Url { get; init; }
}
