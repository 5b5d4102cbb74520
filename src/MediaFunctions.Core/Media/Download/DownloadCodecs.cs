namespace MediaFunctions.Core.Media.Download;

/// <summary>
/// The codec names a download request takes (<c>video_codec</c>, <c>audio_codec</c>), with the ffmpeg
/// encoder and the ffprobe codec name of each. <see cref="Copy"/> keeps the source's stream as it is.
/// </summary>
public static class DownloadCodecs
{
    public const string Copy = "copy";
    public const string H264 = "h264";
    public const string H265 = "h265";
    public const string Vp9 = "vp9";
    public const string Aac = "aac";
    public const string Opus = "opus";
    public const string Mp3 = "mp3";

    public static IReadOnlyList<string> VideoNames { get; } = [Copy, H264, H265, Vp9];

    public static IReadOnlyList<string> AudioNames { get; } = [Copy, Aac, Opus, Mp3];

    /// <summary>The codec as ffprobe names its streams (h265 is <c>hevc</c>).</summary>
    public static string ProbeName(string codec) => codec == H265 ? "hevc" : codec;

    /// <summary>The ffmpeg encoder of a codec other than <see cref="Copy"/>.</summary>
    public static string Encoder(string codec) => codec switch
    {
        H264 => "libx264",
        H265 => "libx265",
        Vp9 => "libvpx-vp9",
        Aac => "aac",
        Opus => "libopus",
        Mp3 => "libmp3lame",
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "Not an encoded codec."),
    };
}
