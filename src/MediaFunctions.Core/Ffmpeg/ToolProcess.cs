using System.Diagnostics;
using System.Text;

namespace MediaFunctions.Core.Ffmpeg;

/// <summary>Starts ffmpeg/ffprobe with an argument list (never a quoted command line) and stops them.</summary>
internal static class ToolProcess
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Starts the tool with all three standard streams redirected. stdin stays open: ffmpeg then never
    /// reads the terminal, and a cancelled run can still be asked to quit with <c>q</c>.
    /// </summary>
    public static Process Start(string path, IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo) ?? throw new InvalidOperationException($"'{path}' could not be started.");
    }

    /// <summary>Asks the tool to quit with <c>q</c> when it can, waits the grace period, then kills its process tree.</summary>
    public static async Task StopAsync(Process process, bool canSendQuit, TimeSpan gracePeriod)
    {
        if (canSendQuit && gracePeriod > TimeSpan.Zero && !process.HasExited)
        {
            try
            {
                await process.StandardInput.WriteAsync('q');
                await process.StandardInput.FlushAsync();
            }
            catch (IOException)
            {
                // It closed stdin on its way out; the wait below sees it gone.
            }

            using var grace = new CancellationTokenSource(gracePeriod);
            try
            {
                await process.WaitForExitAsync(grace.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                // It did not honour q in time.
            }
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        await process.WaitForExitAsync(CancellationToken.None);
    }

    /// <summary>Calls <paramref name="onLine"/> for each line until the stream ends.</summary>
    public static async Task ReadLinesAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            onLine(line);
        }
    }
}
