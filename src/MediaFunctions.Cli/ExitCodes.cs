namespace MediaFunctions.Cli;

/// <summary>
/// What mediafn's exit status means, so scripts can tell a failed job from a typo, a bad key or a server that is not there.
/// </summary>
public static class ExitCodes
{
    /// <summary>The work is done and its files are written.</summary>
    public const int Done = 0;

    /// <summary>The job (batch, production) failed or was cancelled, or the API refused the work (400, 404, 409, 413, 415, 422, 5xx).</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong (unknown option, missing argument, a file that is not there), found before any request.</summary>
    public const int Usage = 2;

    /// <summary>The API refused the key (401 or 403).</summary>
    public const int Auth = 3;

    /// <summary>The API could not be reached or stopped answering: connection refused, DNS, timeouts, a cut download.</summary>
    public const int Network = 4;

    /// <summary>Ctrl-C: the shell's convention for SIGINT (128 + 2).</summary>
    public const int Cancelled = 130;
}
