namespace MediaFunctions.Core.Media.Download;

/// <summary>
/// An output format of a download job: the container ffmpeg writes and which codecs it can hold
/// (by ffprobe's codec names), which decides when a stream can be copied and what replaces it when not.
/// </summary>
/// <param name="Name">The request's name for it, e.g. <c>mp4</c>.</param>
/// <param name="Muxer">ffmpeg's <c>-f</c> value.</param>
/// <param name="IsAudioOnly">True for the audio formats (m4a, mp3, ogg, opus): their files carry no video.</param>
/// <param name="VideoCodecs">Video codecs the container holds; empty for audio formats.</param>
/// <param name="AudioCodecs">Audio codecs the container holds.</param>
/// <param name="FallbackVideoCodec">What a video stream the container cannot hold is encoded as (a <see cref="DownloadCodecs"/> name).</param>
/// <param name="FallbackAudioCodec">What an audio stream the container cannot hold is encoded as (a <see cref="DownloadCodecs"/> name).</param>
public sealed record DownloadContainer(
    string Name,
    string Extension,
    string MimeType,
    string Muxer,
    bool IsAudioOnly,
    IReadOnlySet<string> VideoCodecs,
    IReadOnlySet<string> AudioCodecs,
    string? FallbackVideoCodec,
    string FallbackAudioCodec)
{
    /// <summary>True when ffmpeg should move the index to the front, so players start before the whole file is fetched.</summary>
    public bool IsMp4Family => Muxer is "mp4" or "mov" or "ipod";
}
