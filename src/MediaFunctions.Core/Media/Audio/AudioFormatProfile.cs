namespace MediaFunctions.Core.Media.Audio;

/// <summary>How one <see cref="AudioFormat"/> is written: container, codec, file name and encoder settings.</summary>
public sealed record AudioFormatProfile
{
    public required AudioFormat Format { get; init; }

    /// <summary>The name users give (<c>mp3</c>, <c>wav</c>, …).</summary>
    public required string Name { get; init; }

    /// <summary>The ffmpeg muxer (<c>-f</c>) that writes the file.</summary>
    public required string Muxer { get; init; }

    /// <summary>The file extension, without the dot.</summary>
    public required string Extension { get; init; }

    public required string MimeType { get; init; }

    /// <summary>The codec of the audio in the file, as ffprobe names it.</summary>
    public required string Codec { get; init; }

    /// <summary>
    /// ffmpeg's encoding arguments (<c>-c:a …</c> and its settings). Empty for AMR, which ffmpeg here cannot
    /// encode: <see cref="AmrNbEncoder"/> does, from PCM ffmpeg decodes.
    /// </summary>
    public required IReadOnlyList<string> EncoderArguments { get; init; }

    /// <summary>Input codecs whose packets this container takes as they are (stream copy, no re-encode).</summary>
    public required IReadOnlyList<string> CopyableCodecs { get; init; }

    /// <summary>The most channels the codec carries; more are downmixed.</summary>
    public required int MaxChannels { get; init; }

    /// <summary>
    /// The lowest sample rate encoded; lower input is resampled up to it. Set where the codec's frames are
    /// so long at low rates that the file's length would miss a clip by more than 50 ms.
    /// </summary>
    public int? MinSampleRate { get; init; }

    /// <summary>The highest sample rate the encoder takes; higher input is resampled to it.</summary>
    public int? MaxSampleRate { get; init; }

    /// <summary>The one sample rate the codec takes, when it has just one.</summary>
    public int? SampleRate { get; init; }

    /// <summary>True for lossy codecs encoded at a chosen bit rate (<c>-b:a</c>); false for PCM, FLAC and AMR's fixed modes.</summary>
    public bool HasBitrate { get; init; }

    /// <summary>ffmpeg's encoder for this format (the value of <c>-c:a</c> in <see cref="EncoderArguments"/>).</summary>
    public string Encoder => EncoderArguments[1];

    /// <summary>False when ffmpeg cannot encode this format and another encoder must.</summary>
    public bool EncodedByFfmpeg => EncoderArguments.Count > 0;

    /// <summary>A file name for this format, e.g. <c>audio.mp3</c>.</summary>
    public string FileName(string baseName) => $"{baseName}.{Extension}";
}
