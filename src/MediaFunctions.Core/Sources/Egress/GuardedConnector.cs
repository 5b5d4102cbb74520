using System.Net;
using System.Net.Sockets;
using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Core.Sources.Egress;

/// <summary>
/// Opens every outbound TCP connection the service makes on a caller's behalf: resolves the host
/// itself, refuses it when any address breaks <see cref="UrlSourcePolicy"/>, and connects to one of
/// exactly the addresses it checked, so nothing resolves the name a second time.
/// </summary>
public sealed class GuardedConnector(UrlSourcePolicy policy)
{
    /// <summary>
    /// A handler whose every connection opens through <see cref="ConnectAsync"/>: no proxy from the environment, no
    /// cookies, no automatic redirects (a caller follows them hop by hop) and no automatic decompression (ranges
    /// stay byte-exact).
    /// </summary>
    public SocketsHttpHandler CreateHandler(TimeSpan connectTimeout) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = connectTimeout,
        // NOTE: a pooled connection stays on the address checked when it opened; a new one checks again.
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, cancellationToken) => await ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken),
    };

    /// <summary>A connected stream to <paramref name="host"/>:<paramref name="port"/>, owning its socket.</summary>
    /// <exception cref="InvalidJobInputException"><c>url_not_allowed</c> or <c>invalid_url</c> (see <see cref="UrlSourcePolicy.ResolveAllowedAsync"/>).</exception>
    /// <exception cref="SocketException">No checked address accepted the connection.</exception>
    public async Task<NetworkStream> ConnectAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        var addresses = await policy.ResolveAllowedAsync(host, cancellationToken);
        SocketException? lastFailure = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException failure)
            {
                socket.Dispose();
                lastFailure = failure;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw lastFailure!;
    }
}
