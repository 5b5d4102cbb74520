using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Sources.Loopback;
using Microsoft.Extensions.Logging;

namespace MediaFunctions.Core.Sources.Egress;

/// <summary>
/// A loopback HTTP proxy for tools that fetch on their own (yt-dlp): CONNECT tunnels and plain
/// absolute-URI requests, each destination opened through <see cref="GuardedConnector"/>, so the
/// tool's every fetch (pages, APIs, redirects it follows) meets the same address rules as ours.
/// Only holders of a live <see cref="EgressProxyLease"/> may use it.
/// </summary>
public sealed class EgressProxy(GuardedConnector connector, ILogger<EgressProxy> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, EgressProxyLease> _leases = new();
    private readonly Lock _starting = new();
    private LoopbackServer? _server;

    /// <summary>A lease whose <see cref="EgressProxyLease.ProxyUrl"/> a tool uses; starts the proxy on first use.</summary>
    public EgressProxyLease Lease()
    {
        var lease = new EgressProxyLease(this, Start().Port, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        _leases[lease.Secret] = lease;
        return lease;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            await server.DisposeAsync();
        }
    }

    internal void Remove(EgressProxyLease lease) => _leases.TryRemove(lease.Secret, out _);

    private LoopbackServer Start()
    {
        lock (_starting)
        {
            return _server ??= new LoopbackServer(ServeConnectionAsync);
        }
    }

    private async Task ServeConnectionAsync(NetworkStream client, CancellationToken stopping)
    {
        var reader = new HttpConnectionReader(client);
        var response = new HttpResponseWriter(client);
        HttpRequestHead? request;
        try
        {
            request = await reader.ReadRequestAsync(stopping);
        }
        catch (InvalidDataException)
        {
            await response.WriteTextAsync(400, "Bad Request", "Malformed request.", keepAlive: false, stopping);
            return;
        }

        if (request is null)
        {
            return;
        }

        if (LeaseOf(request) is not { } lease)
        {
            await response.WriteHeadAsync(407, "Proxy Authentication Required",
                [new("Proxy-Authenticate", "Basic realm=\"egress\""), new("Content-Length", "0"), new("Connection", "close")], stopping);
            return;
        }

        var isTunnel = request.Method == "CONNECT";
        if (!TryParseDestination(request, isTunnel, out var host, out var port, out var pathAndQuery))
        {
            await response.WriteTextAsync(400, "Bad Request", "The proxy takes CONNECT host:port and absolute http:// URLs only.", keepAlive: false, stopping);
            return;
        }

        NetworkStream upstream;
        try
        {
            upstream = await connector.ConnectAsync(host, port, stopping);
        }
        catch (InvalidJobInputException refusal)
        {
            lease.Refuse(refusal);
            Logs.EgressRefused(logger, host, refusal.Message);
            await response.WriteTextAsync(403, "Forbidden", refusal.Message, keepAlive: false, stopping);
            return;
        }
        catch (SocketException)
        {
            await response.WriteTextAsync(502, "Bad Gateway", $"{host}:{port} could not be reached.", keepAlive: false, stopping);
            return;
        }

        lease.CountConnection();
        await using (upstream)
        {
            if (isTunnel)
            {
                await response.WriteHeadAsync(200, "Connection Established", [], stopping);
            }
            else
            {
                // One request per connection: the next may be for another host, and must be checked on its own.
                await upstream.WriteAsync(OriginHead(request, pathAndQuery), stopping);
            }

            await upstream.WriteAsync(reader.TakeBuffered(), stopping);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            await Task.WhenAny(client.CopyToAsync(upstream, done.Token), upstream.CopyToAsync(client, done.Token));
            await done.CancelAsync();
        }
    }

    private EgressProxyLease? LeaseOf(HttpRequestHead request)
    {
        var authorization = request.Header("Proxy-Authorization");
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var credential = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            var secret = credential[(credential.IndexOf(':', StringComparison.Ordinal) + 1)..];
            return _leases.TryGetValue(secret, out var lease) ? lease : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool TryParseDestination(HttpRequestHead request, bool isTunnel, out string host, out int port, out string pathAndQuery)
    {
        host = "";
        port = 0;
        pathAndQuery = "";
        if (isTunnel)
        {
            if (!Uri.TryCreate("tunnel://" + request.Target, UriKind.Absolute, out var authority) || authority.IsDefaultPort || authority.PathAndQuery != "/")
            {
                return false;
            }

            (host, port) = (authority.IdnHost, authority.Port);
            return true;
        }

        if (!Uri.TryCreate(request.Target, UriKind.Absolute, out var target) || target.Scheme != Uri.UriSchemeHttp)
        {
            return false;
        }

        (host, port, pathAndQuery) = (target.IdnHost, target.Port, target.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped));
        return true;
    }

    private static byte[] OriginHead(HttpRequestHead request, string pathAndQuery)
    {
        var head = new StringBuilder();
        head.Append(request.Method).Append(' ').Append(pathAndQuery).Append(' ').Append(request.Version).Append("\r\n");
        foreach (var (name, value) in request.Headers)
        {
            if (!name.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase)
                && !name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
                && !name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase))
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        head.Append("Connection: close\r\n\r\n");
        return Encoding.Latin1.GetBytes(head.ToString());
    }
}
