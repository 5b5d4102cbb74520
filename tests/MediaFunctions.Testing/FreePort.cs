using System.Net;
using System.Net.Sockets;

namespace MediaFunctions.Testing;

/// <summary>Loopback TCP ports for servers the tests start.</summary>
public static class FreePort
{
    // Below Linux's ephemeral range (32768 and up), so no outgoing connection of a parallel test can take a
    // port between its choice here and the server's bind; handed out in turn, so no two servers get the same.
    private const int First = 20000;
    private const int Count = 12000;
    private static int next = Random.Shared.Next(Count);

    /// <summary>A port nothing listens on right now, never handed out before in this process.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref next) % Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port in {First}-{First + Count - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
