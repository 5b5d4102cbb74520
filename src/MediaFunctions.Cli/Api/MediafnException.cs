using System.Net;

namespace MediaFunctions.Cli.Api;

/// <summary>
/// Why a command stopped, carrying the exit code it ends with and, for API answers, the status and the
/// envelope's <c>error.code</c>, so the top level prints the API's own message and exits as documented.
/// </summary>
public sealed class MediafnException : Exception
{
    public MediafnException()
    {
    }

    public MediafnException(string message)
        : base(message)
    {
    }

    public MediafnException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private MediafnException(int exitCode, string message, HttpStatusCode? status, string? errorCode, Exception? innerException)
        : base(message, innerException)
    {
        ExitCode = exitCode;
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>The process exit code this failure ends with (<see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; } = ExitCodes.Failed;

    /// <summary>The HTTP status of the API's answer, when there was one.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>The API's <c>error.code</c>, when it sent one.</summary>
    public string? ErrorCode { get; }

    /// <summary>
    /// An error answer of the API: 401/403 exit 3; any other refusal exit 1, since the work did not run (a clip past the
    /// media's end is the API's 400, not a typo on the command line, which is exit 2).
    /// </summary>
    public static MediafnException FromAnswer(HttpStatusCode status, string? errorCode, string message) =>
        new(status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? ExitCodes.Auth : ExitCodes.Failed, message, status, errorCode, null);

    /// <summary>The API could not be reached, or the connection broke or timed out: exit 4.</summary>
    public static MediafnException Network(string message, Exception? innerException = null) =>
        new(ExitCodes.Network, message, null, null, innerException);

    /// <summary>The job, batch or production ended without its result: exit 1.</summary>
    public static MediafnException JobFailed(string message) => new(ExitCodes.Failed, message, null, null, null);

    /// <summary>The command line or configuration is wrong: exit 2.</summary>
    public static MediafnException Usage(string message) => new(ExitCodes.Usage, message, null, null, null);
}
