namespace MediaFunctions.Core.Sources.Egress;

/// <summary>
/// One tool run's use of the <see cref="EgressProxy"/>: the proxy URL (with a credential only this
/// lease knows) to give the tool, and the first destination the proxy refused for it. Disposing it
/// revokes the credential.
/// </summary>
public sealed class EgressProxyLease : IDisposable
{
    private readonly EgressProxy _proxy;
    private long _connections;
    private Exception? _refusal;

    internal EgressProxyLease(EgressProxy proxy, int port, string secret)
    {
        _proxy = proxy;
        Secret = secret;
        ProxyUrl = new Uri($"http://lease:{secret}@127.0.0.1:{port}");
    }

    /// <summary>The proxy to configure in the tool (<c>--proxy</c>), credential included.</summary>
    public Uri ProxyUrl { get; }

    /// <summary>Destinations the proxy connected to for this lease (tunnels and plain requests).</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>The first refusal (<c>url_not_allowed</c> or <c>invalid_url</c>), or null: the reason a tool's fetch failed.</summary>
    public Exception? Refusal => Volatile.Read(ref _refusal);

    internal string Secret { get; }

    public void Dispose() => _proxy.Remove(this);

    internal void CountConnection() => Interlocked.Increment(ref _connections);

    internal void Refuse(Exception refusal) => Interlocked.CompareExchange(ref _refusal, refusal, null);
}
