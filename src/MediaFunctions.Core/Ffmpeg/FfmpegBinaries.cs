namespace MediaFunctions.Core.Ffmpeg;

/// <summary>The full paths of the ffmpeg and ffprobe executables this process runs.</summary>
public sealed record FfmpegBinaries(string FfmpegPath, string FfprobePath);
