using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MediaFunctions.Testing;

/// <summary>Waiting for a server the tests started as a child process.</summary>
public static class ServerProcess
{
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Waits until <paramref name="process"/> accepts connections on every port. Fails at once, with what it
    /// wrote, if it exits first, and likewise if it is not listening within a minute.
    /// </summary>
    public static async Task WaitUntilListeningAsync(Process process, CapturedOutput output, params int[] ports)
    {
        var name = Path.GetFileName(process.StartInfo.FileName);
        var deadline = Stopwatch.StartNew();
        foreach (var port in ports)
        {
            while (!await AcceptsAsync(port))
            {
                if (process.HasExited)
                {
                    // Without a timeout this also waits for the output readers to drain, so the message has the whole story.
                    await process.WaitForExitAsync(CancellationToken.None);
                    throw new InvalidOperationException($"{name} exited with code {process.ExitCode} before it listened on {port}.\n{output}");
                }

                if (deadline.Elapsed > StartBound)
                {
                    throw new TimeoutException($"{name} was not listening on {port} within {StartBound.TotalSeconds} s.\n{output}");
                }

                await Task.Delay(100);
            }
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
