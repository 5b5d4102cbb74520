using System.Text;
using MediaFunctions.Testing;

namespace MediaFunctions.Cli.Tests.Terminal;

/// <summary>
/// A command run in a real pseudo-terminal: a detached tmux session of a fixed size whose screen the test reads
/// with <c>tmux capture-pane -p</c>, as a person would see it. The shell prints <see cref="ExitMarker"/> with the exit
/// code when the command ends, and the session stays open so the last screen can still be read.
/// </summary>
public sealed class TmuxScreen : IAsyncDisposable
{
    /// <summary>What the shell prints after the command, followed by its exit code.</summary>
    public const string ExitMarker = "mediafn-exit=";

    private readonly string name = "mediafn-test-" + Guid.NewGuid().ToString("N")[..12];

    private TmuxScreen()
    {
    }

    /// <summary>Starts <paramref name="arguments"/> in a 120×30 terminal with <paramref name="environment"/>, in <paramref name="workingDirectory"/>.</summary>
    public static async Task<TmuxScreen> StartAsync(
        IReadOnlyDictionary<string, string> environment, string workingDirectory, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var screen = new TmuxScreen();
        var command = new StringBuilder("cd ").Append(Quote(workingDirectory)).Append(" && env");
        foreach (var (key, value) in environment)
        {
            command.Append(' ').Append(key).Append('=').Append(Quote(value));
        }

        command.Append(" TERM=xterm-256color dotnet ").Append(Quote(Mediafn.DllPath));
        foreach (var argument in arguments)
        {
            command.Append(' ').Append(Quote(argument));
        }

        command.Append("; echo ").Append(ExitMarker).Append("$?; sleep 600");
        await TmuxAsync(cancellationToken, "new-session", "-d", "-s", screen.name, "-x", "120", "-y", "30", command.ToString());
        return screen;
    }

    /// <summary>The screen's text now.</summary>
    public async Task<string> CaptureAsync(CancellationToken cancellationToken) =>
        (await TmuxAsync(cancellationToken, "capture-pane", "-p", "-t", name)).StandardOutput;

    /// <summary>Waits until the screen shows what <paramref name="shows"/> looks for (or the command ended); returns that screen.</summary>
    public async Task<string> WaitForScreenAsync(Func<string, bool> shows, CancellationToken cancellationToken)
    {
        while (true)
        {
            var text = await CaptureAsync(cancellationToken);
            if (shows(text) || text.Contains(ExitMarker, StringComparison.Ordinal))
            {
                return text;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Waits until the command has ended; returns its exit code and the last screen.</summary>
    public async Task<(int ExitCode, string Screen)> WaitForExitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var text = await CaptureAsync(cancellationToken);
            var marker = text.IndexOf(ExitMarker, StringComparison.Ordinal);
            if (marker >= 0)
            {
                var digits = new string([.. text[(marker + ExitMarker.Length)..].TakeWhile(char.IsAsciiDigit)]);
                if (digits.Length > 0)
                {
                    return (int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture), text);
                }
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await TmuxAsync(CancellationToken.None, "kill-session", "-t", name);

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static async Task<ProcessResult> TmuxAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var result = await ChildProcess.RunAsync("tmux", arguments, cancellationToken);
        return result.ExitCode == 0 ? result : throw new InvalidOperationException($"tmux {string.Join(' ', arguments)}: {result}");
    }
}
