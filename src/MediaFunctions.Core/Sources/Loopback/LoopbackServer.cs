using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace MediaFunctions.Core.Sources.Loopback;

/// <summary>
/// Accepts TCP connections on 127.0.0.1 (a port the system picks) and hands each to a handler; stops
/// them all when disposed. What the relay and the egress proxy listen with.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly Task _acceptLoop;
    private readonly int? _sendBufferBytes;

    /// <param name="handleConnection">Serves one connection until it should close.</param>
    /// <param name="sendBufferBytes">A fixed socket send buffer for accepted connections, or null for the system's (growing) one.</param>
    public LoopbackServer(Func<NetworkStream, CancellationToken, Task> handleConnection, int? sendBufferBytes = null)
    {
        _sendBufferBytes = sendBufferBytes;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync(handleConnection);
    }

    public int Port { get; }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        await Task.WhenAll(_connections.Keys);
        _stopping.Dispose();
    }

    private async Task AcceptAsync(Func<NetworkStream, CancellationToken, Task> handleConnection)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception stopped) when (stopped is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            if (_sendBufferBytes is { } sendBufferBytes)
            {
                socket.SendBufferSize = sendBufferBytes;
            }

            var connection = ServeAsync(socket, handleConnection);
            _connections.TryAdd(connection, true);
            _ = connection.ContinueWith(done => _connections.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket socket, Func<NetworkStream, CancellationToken, Task> handleConnection)
    {
        await Task.Yield();
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        using var stop = _stopping.Token.Register(() => socket.Dispose());
        try
        {
            await handleConnection(stream, _stopping.Token);
        }
        catch (Exception gone) when (gone is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The client left or the server is stopping; handlers deal with everything else.
        }
    }
}
