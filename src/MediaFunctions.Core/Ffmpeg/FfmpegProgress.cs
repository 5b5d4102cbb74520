namespace MediaFunctions.Core.Ffmpeg;

/// <summary>One progress report from ffmpeg's <c>-progress</c> output.</summary>
/// <param name="Processed">How much of the output timeline has been written.</param>
/// <param name="Fraction">Processed over the expected duration, 0–1, when the duration is known.</param>
/// <param name="Speed">Multiple of real time ffmpeg runs at, when it reports one.</param>
/// <param name="IsComplete">True on ffmpeg's last report (<c>progress=end</c>).</param>
public sealed record FfmpegProgress(TimeSpan Processed, double? Fraction, double? Speed, bool IsComplete);
