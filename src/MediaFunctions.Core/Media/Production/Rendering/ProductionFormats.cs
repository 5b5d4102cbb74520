using MediaFunctions.Core.Media.Production.Tagging;

namespace MediaFunctions.Core.Media.Production.Rendering;

/// <summary>
/// Auphonic's output formats and how each is written: mp3, mp3-vbr, vorbis, opus, aac, flac, alac, wav,
/// wav-24bit, audiogram, video, whose container is its input's, and tracks (wav.zip or flac.zip).
/// </summary>
/// <remarks>
/// Bit rates are podcast defaults: speech is transparent well below music's rates, and listeners download
/// every episode. Cover art goes into MP3 (APIC), M4A and FLAC; ffmpeg 5.1 cannot write it into Ogg
/// (Vorbis, Opus: it would have to be a base64 METADATA_BLOCK_PICTURE comment) and WAV has no place for it.
/// </remarks>
public static class ProductionFormats
{
    public const string Video = "video";

    public const string Audiogram = "audiogram";

    public const string Tracks = "tracks";

    /// <summary>A <c>tracks</c> output's zip of FLAC files; the format's default is a zip of WAV files.</summary>
    private static readonly ProductionFormat FlacTracks = TracksIn("flac", "flac", OutputContainer.Flac, ["-c:a", "flac", "-sample_fmt", "s16"]);

    private static readonly Dictionary<string, ProductionFormat> Formats = new ProductionFormat[]
    {
        // CBR (libmp3lame's mode when given -b:a): the bit rate every podcast host and player agrees on.
        Audio("mp3", "mp3", "audio/mpeg", "mp3", OutputContainer.Mp3, ["-c:a", "libmp3lame"], 112, coverArt: true),
        Audio("mp3-vbr", "mp3", "audio/mpeg", "mp3", OutputContainer.Mp3, ["-c:a", "libmp3lame"], 115, coverArt: true, vbr: true),
        Audio("vorbis", "ogg", "audio/ogg", "ogg", OutputContainer.Ogg, ["-c:a", "libvorbis"], 96),
        Audio("opus", "opus", "audio/ogg", "opus", OutputContainer.Ogg, ["-c:a", "libopus"], 64),
        // ipod: the MP4 flavour Apple's players expect of .m4a (brand M4A).
        Audio("aac", "m4a", "audio/mp4", "ipod", OutputContainer.Mp4, ["-c:a", "aac"], 96, coverArt: true),
        // 16-bit, as the PCM of a CD: the encoders would otherwise keep the filter graph's float as 24/32 bits.
        Audio("flac", "flac", "audio/flac", "flac", OutputContainer.Flac, ["-c:a", "flac", "-sample_fmt", "s16"], null, coverArt: true),
        Audio("alac", "m4a", "audio/mp4", "ipod", OutputContainer.Mp4, ["-c:a", "alac", "-sample_fmt", "s16p"], null, coverArt: true),
        Audio("wav", "wav", "audio/wav", "wav", OutputContainer.Wav, ["-c:a", "pcm_s16le"], null),
        Audio("wav-24bit", "wav", "audio/wav", "wav", OutputContainer.Wav, ["-c:a", "pcm_s24le"], null),
        new()
        {
            Name = Audiogram,
            Kind = ProductionFormatKind.Audiogram,
            Ending = "mp4",
            MimeType = "video/mp4",
            Muxer = "mp4",
            Container = OutputContainer.Mp4,
            AudioEncoder = ["-c:a", "aac"],
            DefaultBitrateKbps = 96,
        },
        TracksIn("wav", "wav", OutputContainer.Wav, ["-c:a", "pcm_s16le"]),
    }.ToDictionary(format => format.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The containers a video output may have (its input's), each with an audio codec it takes: AAC where
    /// players expect it, Opus in WebM (which takes only Vorbis and Opus), MP3 in AVI.
    /// </summary>
    /// <remarks>
    /// NOTE: Matroska and WebM are tagged as <see cref="OutputContainer.Mp4"/>: like MP4 they keep ffmpeg's generic
    /// tag keys and real chapters. AVI and MPEG-TS keep no chapters; AVI's INFO chunk is WAV's.
    /// </remarks>
    private static readonly Dictionary<string, ProductionFormat> VideoFormats = new ProductionFormat[]
    {
        VideoIn("mp4", "video/mp4", "mp4", OutputContainer.Mp4, "aac"),
        VideoIn("m4v", "video/x-m4v", "mp4", OutputContainer.Mp4, "aac"),
        VideoIn("mov", "video/quicktime", "mov", OutputContainer.Mp4, "aac"),
        VideoIn("mkv", "video/x-matroska", "matroska", OutputContainer.Mp4, "aac"),
        VideoIn("webm", "video/webm", "webm", OutputContainer.Mp4, "libopus"),
        VideoIn("avi", "video/x-msvideo", "avi", OutputContainer.Wav, "libmp3lame"),
        VideoIn("flv", "video/x-flv", "flv", OutputContainer.Wav, "aac"),
        VideoIn("3gp", "video/3gpp", "3gp", OutputContainer.Mp4, "aac"),
        VideoIn("ts", "video/mp2t", "mpegts", OutputContainer.Wav, "aac"),
    }.ToDictionary(format => format.Ending, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every format name, for error messages.</summary>
    public static string Names => string.Join(", ", [.. Formats.Keys, Video]);

    /// <summary>The endings a video output can have, for error messages.</summary>
    public static string VideoEndings => string.Join(", ", VideoFormats.Keys);

    /// <summary>An audio format or the audiogram, by its Auphonic name (any case).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a format, or <c>video</c> (see <see cref="GetVideo"/>).</exception>
    public static ProductionFormat Get(string format) =>
        Formats.TryGetValue(format, out var found)
            ? found
            : throw new ArgumentOutOfRangeException(nameof(format), format,
                string.Equals(format, Video, StringComparison.OrdinalIgnoreCase)
                    ? "A video output's format depends on its container: use GetVideo."
                    : $"Not one of: {Names}.");

    /// <summary>The video format for a container, by its file ending (<c>mp4</c>, <c>.mkv</c>…).</summary>
    /// <exception cref="MediaPlanException">The ending is not that of a container a video output can have.</exception>
    public static ProductionFormat GetVideo(string ending) =>
        VideoFormats.TryGetValue(ending.TrimStart('.'), out var found)
            ? found
            : throw MediaPlanException.VideoContainerUnsupported(ending);

    /// <summary>
    /// The ending (without its dot) a file of <paramref name="format"/> gets when the user names none; a video
    /// output's is its input's, <paramref name="inputEnding"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a format.</exception>
    /// <exception cref="MediaPlanException">A video output whose input's ending is not that of a container it can have.</exception>
    public static string DefaultEnding(string format, string? inputEnding = null) =>
        string.Equals(format, Video, StringComparison.OrdinalIgnoreCase)
            ? GetVideo(inputEnding ?? "").Ending
            : Get(format).Ending;

    /// <summary>The format a planned output is written in: for video, the one of its file name's ending; for tracks, FLAC when it ends in .flac.zip.</summary>
    internal static ProductionFormat For(ProductionOutputFile output) =>
        string.Equals(output.Format, Video, StringComparison.OrdinalIgnoreCase)
            ? GetVideo(Path.GetExtension(output.FileName))
            : string.Equals(output.Format, Tracks, StringComparison.OrdinalIgnoreCase)
                && output.FileName.EndsWith("." + FlacTracks.Ending, StringComparison.OrdinalIgnoreCase)
                ? FlacTracks
                : Get(output.Format);

    private static ProductionFormat Audio(
        string name, string ending, string mimeType, string muxer, OutputContainer container, IReadOnlyList<string> encoder, int? defaultKbps,
        bool coverArt = false, bool vbr = false) => new()
        {
            Name = name,
            Kind = ProductionFormatKind.Audio,
            Ending = ending,
            MimeType = mimeType,
            Muxer = muxer,
            Container = container,
            AudioEncoder = encoder,
            DefaultBitrateKbps = defaultKbps,
            CarriesCoverArt = coverArt,
            BitrateSetsVbrQuality = vbr,
        };

    /// <summary>A zip of one <paramref name="partEnding"/> file per track, each written by <paramref name="muxer"/> with <paramref name="encoder"/>.</summary>
    private static ProductionFormat TracksIn(string partEnding, string muxer, OutputContainer container, IReadOnlyList<string> encoder) => new()
    {
        Name = Tracks,
        Kind = ProductionFormatKind.Tracks,
        Ending = partEnding + ".zip",
        MimeType = "application/zip",
        Muxer = muxer,
        Container = container,
        AudioEncoder = encoder,
    };

    private static ProductionFormat VideoIn(string ending, string mimeType, string muxer, OutputContainer container, string audioEncoder) => new()
    {
        Name = Video,
        Kind = ProductionFormatKind.Video,
        Ending = ending,
        MimeType = mimeType,
        Muxer = muxer,
        Container = container,
        AudioEncoder = ["-c:a", audioEncoder],
        DefaultBitrateKbps = 128,
    };
}
