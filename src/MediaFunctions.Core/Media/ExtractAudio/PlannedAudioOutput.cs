using MediaFunctions.Core.Media.Audio;

namespace MediaFunctions.Core.Media.ExtractAudio;

/// <summary>One file a plan produces, and whether its audio is copied as it is or re-encoded.</summary>
public sealed record PlannedAudioOutput(AudioFormat Format, string Path, bool StreamCopy);
