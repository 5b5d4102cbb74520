namespace MediaFunctions.Core.Ffmpeg;

/// <summary>How one ffmpeg run is fed, watched and bounded.</summary>
public sealed class FfmpegRunOptions
{
    /// <summary>
    /// Runs ffmpeg below the host's own threads (nice 10 on Linux), for a run whose pace is set by the host's work around
    /// it rather than by ffmpeg: a stream copy uploaded while it is written, whose upload (staging, and on one machine
    /// Azurite taking the blocks) needs the CPU ffmpeg would take. An encode keeps its priority: there ffmpeg is the pace.
    /// </summary>
    public bool BelowHostPriority { get; init; }

    /// <summary>Overrides <see cref="FfmpegOptions.DefaultTimeout"/> for this run.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The length of the output timeline, so progress can be reported as a fraction.</summary>
    public TimeSpan? ExpectedDuration { get; init; }

    /// <summary>Receives the reports of the <c>-progress pipe:1</c> (or <c>pipe:2</c>) output named in the arguments.</summary>
    public IProgress<FfmpegProgress>? Progress { get; init; }

    /// <summary>Copied into ffmpeg's stdin (for an input of <c>pipe:0</c>), then stdin is closed.</summary>
    public Stream? StandardInput { get; init; }

    /// <summary>
    /// Reads ffmpeg's stdout (an output of <c>pipe:1</c>) while ffmpeg runs; the arguments must then send
    /// progress to <c>pipe:2</c>. If it throws, ffmpeg is stopped and the exception surfaces.
    /// </summary>
    public Func<Stream, CancellationToken, Task>? StandardOutput { get; init; }

    /// <summary>
    /// Receives each line ffmpeg writes to stderr (other than <c>-progress</c> reports) as it is written, for
    /// runs whose result is a filter's log, such as an <c>ebur128</c> summary; the tail is kept either way.
    /// </summary>
    public Action<string>? StandardError { get; init; }
}
