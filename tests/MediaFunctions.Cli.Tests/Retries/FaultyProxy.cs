using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace MediaFunctions.Cli.Tests.Retries;

/// <summary>
/// A TCP proxy in front of the host that breaks one exchange the way networks do, and passes every other
/// connection through byte for byte. It keeps each connection's request head so a test can see what a retry sent.
/// </summary>
public sealed partial class FaultyProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int targetPort;
    private readonly Fault fault;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentQueue<string> requestHeads = new();
    private readonly Task accepting;
    private int faultsLeft = 1;
    private int faults;

    public FaultyProxy(int targetPort, Fault fault)
    {
        this.targetPort = targetPort;
        this.fault = fault;
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>What the proxy breaks, once.</summary>
    public enum Fault
    {
        /// <summary>The first POST reaches the host whole; its answer is swallowed and the client's connection closed, as a network failing after the server acted.</summary>
        DropFirstPostAnswer,

        /// <summary>
        /// The first POST's body reaches the host whole, then the client's connection is closed before the host answers,
        /// so the client's retry arrives while the host still works on the first attempt.
        /// </summary>
        HangUpOnFirstPostOnceSent,

        /// <summary>The first connection's <c>/events</c> stream is cut right after its first event.</summary>
        CutFirstEventStreamAfterOneEvent,
    }

    /// <summary>The proxy's address.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

    /// <summary>How many times the fault happened (0 or 1).</summary>
    public int Faults => Volatile.Read(ref faults);

    /// <summary>The head (request line and headers) of the first request on each connection, in arrival order.</summary>
    public IReadOnlyList<string> RequestHeads => [.. requestHeads];

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

    [GeneratedRegex(@"\ndata:[^\r\n]*\r?\n\r?\n(\r\n)?")]
    private static partial Regex CompleteEvent();

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping.Token);
            _ = RelayAsync(client);
        }
    }

    private bool IsFaulty(string head) =>
        (fault != Fault.CutFirstEventStreamAfterOneEvent ? head.StartsWith("POST ", StringComparison.Ordinal) : head.Contains("/events ", StringComparison.Ordinal))
        && Interlocked.Exchange(ref faultsLeft, 0) == 1;

    /// <summary>Passes the request's body on (nothing goes back, not even 100 Continue), hangs up on the client, then lets the host finish.</summary>
    private async Task HangUpOnceSentAsync(TcpClient client, NetworkStream fromClient, NetworkStream toServer, string firstChunk, int firstRead)
    {
        var headLength = firstChunk.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        var length = ContentLength().Match(firstChunk[..headLength]);
        var remaining = (length.Success ? long.Parse(length.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0) - (firstRead - headLength);
        var buffer = new byte[1 << 16];
        while (remaining > 0)
        {
            var got = await fromClient.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), stopping.Token);
            if (got == 0)
            {
                return;
            }

            await toServer.WriteAsync(buffer.AsMemory(0, got), stopping.Token);
            remaining -= got;
        }

        client.Close();
        Interlocked.Increment(ref faults);
        var answer = new StringBuilder();
        while (!FinalStatusLine().IsMatch(answer.ToString()))
        {
            var got = await toServer.ReadAsync(buffer, stopping.Token);
            if (got == 0)
            {
                return;
            }

            answer.Append(Encoding.Latin1.GetString(buffer, 0, got));
        }
    }

    [GeneratedRegex(@"(?im)^Content-Length:\s*(\d+)")]
    private static partial Regex ContentLength();

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
                var text = Encoding.ASCII.GetString(first, 0, read);
                var head = text[..Math.Max(0, text.IndexOf("\r\n\r\n", StringComparison.Ordinal))];
                requestHeads.Enqueue(head);
                var faulty = IsFaulty(head);
                await toServer.WriteAsync(first.AsMemory(0, read), stopping.Token);
                if (faulty && fault == Fault.HangUpOnFirstPostOnceSent)
                {
                    await HangUpOnceSentAsync(client, fromClient, toServer, text, read);
                    return;
                }

                var upstream = fromClient.CopyToAsync(toServer, stopping.Token);
                if (!faulty)
                {
                    await Task.WhenAny(upstream, toServer.CopyToAsync(fromClient, stopping.Token));
                    return;
                }

                // Read the answer up to the point of the fault; a cut stream passes on exactly its first event (and the chunk's end).
                var answer = new StringBuilder();
                var buffer = new byte[1 << 16];
                var until = fault == Fault.DropFirstPostAnswer ? FinalStatusLine() : CompleteEvent();
                Match match;
                while (!(match = until.Match(answer.ToString())).Success)
                {
                    var got = await toServer.ReadAsync(buffer, stopping.Token);
                    if (got == 0)
                    {
                        return;
                    }

                    answer.Append(Encoding.Latin1.GetString(buffer, 0, got));
                }

                if (fault == Fault.CutFirstEventStreamAfterOneEvent)
                {
                    await fromClient.WriteAsync(Encoding.Latin1.GetBytes(answer.ToString()[..(match.Index + match.Length)]), stopping.Token);
                }

                Interlocked.Increment(ref faults);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A side hung up: the relay ends with it.
            }
        }
    }
}
