using MediaFunctions.Core.Media.Audio;

namespace MediaFunctions.Core.Media.ExtractAudio;

/// <summary>The step after ffmpeg for AMR: encode the 8 kHz mono PCM ffmpeg writes to stdout into this file.</summary>
public sealed record AmrNbEncodeStep(string OutputPath, AmrNbMode Mode);
