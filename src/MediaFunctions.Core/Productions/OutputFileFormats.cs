namespace MediaFunctions.Core.Productions;

/// <summary>The <c>format</c> values of an output file, as the Auphonic API lists them.</summary>
public static class OutputFileFormats
{
    /// <summary>
    /// mp3, mp3-vbr, vorbis, opus, aac (M4A), flac, alac (M4A), wav (16-bit), wav-24bit, video (the input's container),
    /// audiogram (a waveform video) and tracks (a multitrack production's processed tracks).
    /// </summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "mp3", "mp3-vbr", "vorbis", "opus", "aac", "flac", "alac", "wav", "wav-24bit", "video", "audiogram", "tracks",
    };

    /// <summary>The lowest and highest <c>bitrate</c> (kbit/s) an output file may ask for.</summary>
    public const int MinBitrate = 8;

    /// <inheritdoc cref="MinBitrate"/>
    public const int MaxBitrate = 512;
}
