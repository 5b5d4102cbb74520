using System.Collections.Concurrent;
using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Core.Tests.Media.Fixtures;

/// <summary>Keeps every progress report as it arrives (unlike Progress&lt;T&gt;, which posts them later).</summary>
public sealed class ProgressRecorder : IProgress<FfmpegProgress>
{
    public ConcurrentQueue<FfmpegProgress> Reports { get; } = new();

    public void Report(FfmpegProgress value) => Reports.Enqueue(value);
}
