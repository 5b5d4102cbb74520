using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace MediaFunctions.Cli.Tests.Retries;

/// <summary>
/// A TCP proxy in front of the host that loses one answer: the first POST's request reaches the host whole, and once
/// the host's final status line comes back the proxy closes the client's connection without passing it on, as a
/// network that fails after the server acted. Every other connection is passed through byte for byte.
/// </summary>
public sealed partial class ResponseDroppingProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int targetPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private int dropsLeft = 1;
    private int dropped;

    public ResponseDroppingProxy(int targetPort)
    {
        this.targetPort = targetPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>The proxy's address.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

    /// <summary>How many answers the proxy has swallowed (0 or 1).</summary>
    public int Dropped => Volatile.Read(ref dropped);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        stopping.Dispose();
    }

    [GeneratedRegex(@"HTTP/1\.1 [2-5]\d\d ")]
    private static partial Regex FinalStatusLine();

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping.Token);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, targetPort, stopping.Token);
                var fromClient = client.GetStream();
                var toServer = server.GetStream();
                var first = new byte[1 << 16];
                var read = await fromClient.ReadAsync(first, stopping.Token);
                var drop = read >= 5 && Encoding.ASCII.GetString(first, 0, 5) == "POST " && Interlocked.Exchange(ref dropsLeft, 0) == 1;
                await toServer.WriteAsync(first.AsMemory(0, read), stopping.Token);
                var upstream = fromClient.CopyToAsync(toServer, stopping.Token);
                if (!drop)
                {
                    await Task.WhenAny(upstream, toServer.CopyToAsync(fromClient, stopping.Token));
                    return;
                }

                var answer = new StringBuilder();
                var buffer = new byte[1 << 16];
                while (!FinalStatusLine().IsMatch(answer.ToString()))
                {
                    var got = await toServer.ReadAsync(buffer, stopping.Token);
                    if (got == 0)
                    {
                        return;
                    }

                    answer.Append(Encoding.ASCII.GetString(buffer, 0, got));
                }

                Interlocked.Increment(ref dropped);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A side hung up: the relay ends with it.
            }
        }
    }
}
