namespace MediaFunctions.Core.Media.Download;

/// <summary>The output formats of download jobs, by name.</summary>
public static class DownloadContainers
{
    public const string DefaultVideoFormat = "mp4";
    public const string DefaultAudioFormat = "m4a";

    private static readonly HashSet<string> Mp4Video = ["h264", "hevc", "av1", "vp9", "mpeg4"];
    private static readonly HashSet<string> Mp4Audio = ["aac", "mp3", "opus", "ac3", "eac3", "alac", "flac"];

    private static readonly Dictionary<string, DownloadContainer> ByName = new DownloadContainer[]
    {
        new("mp4", "mp4", "video/mp4", "mp4", false, Mp4Video, Mp4Audio, DownloadCodecs.H264, DownloadCodecs.Aac),
        new("mkv", "mkv", "video/x-matroska", "matroska", false,
            new HashSet<string>(Mp4Video) { "vp8", "mpeg2video", "prores", "theora" },
            new HashSet<string>(Mp4Audio) { "vorbis", "dts", "truehd", "pcm_s16le", "pcm_s24le" }, DownloadCodecs.H264, DownloadCodecs.Aac),
        new("webm", "webm", "video/webm", "webm", false, new HashSet<string> { "vp8", "vp9", "av1" }, new HashSet<string> { "opus", "vorbis" },
            DownloadCodecs.Vp9, DownloadCodecs.Opus),
        new("mov", "mov", "video/quicktime", "mov", false, new HashSet<string> { "h264", "hevc", "mpeg4", "prores" },
            new HashSet<string> { "aac", "mp3", "alac", "ac3", "eac3" }, DownloadCodecs.H264, DownloadCodecs.Aac),
        new("m4a", "m4a", "audio/mp4", "ipod", true, new HashSet<string>(), new HashSet<string> { "aac", "alac" }, null, DownloadCodecs.Aac),
        new("mp3", "mp3", "audio/mpeg", "mp3", true, new HashSet<string>(), new HashSet<string> { "mp3" }, null, DownloadCodecs.Mp3),
        new("ogg", "ogg", "audio/ogg", "ogg", true, new HashSet<string>(), new HashSet<string> { "opus", "vorbis", "flac" }, null, DownloadCodecs.Opus),
        new("opus", "opus", "audio/ogg", "opus", true, new HashSet<string>(), new HashSet<string> { "opus" }, null, DownloadCodecs.Opus),
    }.ToDictionary(container => container.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every format's name, video formats first.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. ByName.Keys];

    /// <summary>The format, or null for a name that is not one.</summary>
    public static DownloadContainer? Find(string? name) => name is not null && ByName.TryGetValue(name.Trim(), out var container) ? container : null;

    /// <exception cref="KeyNotFoundException">Not a format's name.</exception>
    public static DownloadContainer Get(string name) => Find(name) ?? throw new KeyNotFoundException($"'{name}' is not a download format.");
}
