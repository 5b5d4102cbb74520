namespace MediaFunctions.Core.Ffmpeg;

/// <summary>
/// Thrown when an ffmpeg or ffprobe run fails or runs out of time. The message carries the exit code and
/// the tail of stderr (what a job's error shows); the arguments are kept apart from the message because
/// they may hold signed URLs.
/// </summary>
public sealed class FfmpegException : Exception
{
    private FfmpegException(string message, string tool, int? exitCode, bool timedOut, IReadOnlyList<string> arguments, IReadOnlyList<string> standardErrorTail)
        : base(message)
    {
        Tool = tool;
        ExitCode = exitCode;
        TimedOut = timedOut;
        Arguments = arguments;
        StandardErrorTail = standardErrorTail;
    }

    /// <summary>"ffmpeg" or "ffprobe".</summary>
    public string Tool { get; }

    /// <summary>The exit code, or null when the process was killed for running out of time.</summary>
    public int? ExitCode { get; }

    /// <summary>True when the run was stopped because it exceeded its timeout.</summary>
    public bool TimedOut { get; }

    /// <summary>The argument list the tool was started with.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The last lines the tool wrote to stderr (at most <see cref="StandardErrorTailLines"/>).</summary>
    public IReadOnlyList<string> StandardErrorTail { get; }

    /// <summary>How many stderr lines a failure keeps.</summary>
    public const int StandardErrorTailLines = 40;

    internal static FfmpegException Failed(string tool, int exitCode, IReadOnlyList<string> arguments, IReadOnlyList<string> standardErrorTail) =>
        new(WithTail($"{tool} exited with code {exitCode}.", standardErrorTail), tool, exitCode, timedOut: false, arguments, standardErrorTail);

    internal static FfmpegException TimedOutAfter(string tool, TimeSpan timeout, IReadOnlyList<string> arguments, IReadOnlyList<string> standardErrorTail) =>
        new(WithTail($"{tool} did not finish within {timeout} and was stopped.", standardErrorTail), tool, exitCode: null, timedOut: true, arguments, standardErrorTail);

    internal static FfmpegException MissingOutput(string tool, string expected, IReadOnlyList<string> arguments, IReadOnlyList<string> standardErrorTail) =>
        new(WithTail($"{tool} finished without writing {expected}.", standardErrorTail), tool, exitCode: 0, timedOut: false, arguments, standardErrorTail);

    private static string WithTail(string summary, IReadOnlyList<string> tail) =>
        tail.Count == 0 ? summary : summary + Environment.NewLine + string.Join(Environment.NewLine, tail);
}
