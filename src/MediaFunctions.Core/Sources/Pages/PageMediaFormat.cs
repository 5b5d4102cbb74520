namespace MediaFunctions.Core.Sources.Pages;

/// <summary>
/// One media stream yt-dlp chose on a page: its URL (register it with the source relay, with
/// <see cref="HttpHeaders"/> as origin headers) and what yt-dlp says it holds.
/// </summary>
public sealed record PageMediaFormat(
    Uri Url,
    string? FormatId,
    string? Extension,
    string? VideoCodec,
    string? AudioCodec,
    string? Protocol,
    int? Width,
    int? Height,
    IReadOnlyDictionary<string, string> HttpHeaders)
{
    /// <summary>True when the stream carries video ("none" is yt-dlp's word for absent).</summary>
    public bool HasVideo => VideoCodec is not "none";

    /// <summary>True when the stream carries audio.</summary>
    public bool HasAudio => AudioCodec is not "none";
}
