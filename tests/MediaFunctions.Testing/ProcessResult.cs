namespace MediaFunctions.Testing;

/// <summary>How a child process ended, with everything it printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit code {ExitCode}\n{StandardError}\n{StandardOutput}";
}
