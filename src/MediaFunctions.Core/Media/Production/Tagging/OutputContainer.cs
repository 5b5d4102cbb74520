namespace MediaFunctions.Core.Media.Production.Tagging;

/// <summary>The containers a production's output files are written in; each holds tags and chapters its own way.</summary>
public enum OutputContainer
{
    /// <summary>MP3 with an ID3v2.3 tag: text frames, and chapters as CHAP frames listed by a CTOC frame.</summary>
    Mp3,

    /// <summary>MP4/M4A (AAC or ALAC): iTunes-style <c>ilst</c> atoms, and MP4 chapters.</summary>
    Mp4,

    /// <summary>Ogg (Vorbis or Opus): Vorbis comments, chapters as <c>CHAPTERxxx</c> comments.</summary>
    Ogg,

    /// <summary>FLAC: Vorbis comments, chapters as <c>CHAPTERxxx</c> comments.</summary>
    Flac,

    /// <summary>WAV: a RIFF <c>LIST INFO</c> chunk, which has no chapters.</summary>
    Wav,
}
