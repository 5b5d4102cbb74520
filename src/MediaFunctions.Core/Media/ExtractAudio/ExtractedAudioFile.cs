using MediaFunctions.Core.Media.Audio;

namespace MediaFunctions.Core.Media.ExtractAudio;

/// <summary>A file an extraction wrote: where it is, how big, what it holds.</summary>
public sealed record ExtractedAudioFile(AudioFormat Format, string Path, long Length, string MimeType, bool StreamCopied);
