using System.Net;
using System.Net.Sockets;
using MediaFunctions.Core.Jobs;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Sources;

/// <summary>
/// Decides whether media may be read from a URL (ARCHITECTURE §9): http or https only, and, unless
/// <see cref="SourceOptions.AllowPrivateNetworks"/>, a host whose every address is public or in
/// <see cref="SourceOptions.AllowedNetworks"/>. The guarded connector asks the same rules again for
/// every connection it opens, so a redirect or a name that now resolves elsewhere is held to them too.
/// </summary>
public sealed class UrlSourcePolicy(IOptions<SourceOptions> options)
{
    /// <summary>The code of the refusal when a URL leads to an address this service does not connect to.</summary>
    public const string NotAllowedCode = "url_not_allowed";

    private readonly bool _allowPrivateNetworks = options.Value.AllowPrivateNetworks;
    private readonly IPNetwork[] _allowedNetworks = [.. options.Value.AllowedNetworks.Select(network => IPNetwork.Parse(network))];

    /// <summary>The URL, checked; throws <see cref="InvalidJobInputException"/> (<c>invalid_url</c> or <c>url_not_allowed</c>) otherwise.</summary>
    public async Task<Uri> CheckAsync(string? url, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            throw new InvalidJobInputException("invalid_url", "source.url must be an absolute http or https URL.");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidJobInputException("invalid_url", $"source.url must use http or https, not '{uri.Scheme}'.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            // ffmpeg would send them as basic auth to wherever the URL (or a redirect) leads.
            throw new InvalidJobInputException("invalid_url", "source.url must not carry a user name or password.");
        }

        if (!_allowPrivateNetworks)
        {
            await ResolveAllowedAsync(uri.IdnHost, cancellationToken);
        }

        return uri;
    }

    /// <summary>True when a connection to the address is allowed.</summary>
    public bool IsAllowed(IPAddress address)
    {
        if (_allowPrivateNetworks || !IsPrivate(address))
        {
            return true;
        }

        var comparable = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _allowedNetworks.Any(network => network.Contains(comparable));
    }

    /// <summary>
    /// Resolves a host name (or reads an address literal, with or without brackets) and returns its
    /// addresses, every one of them allowed; connecting to exactly these is what keeps a second lookup
    /// (DNS rebinding) from leading elsewhere.
    /// </summary>
    /// <exception cref="InvalidJobInputException"><c>url_not_allowed</c> when any address is not allowed; <c>invalid_url</c> when the name does not resolve.</exception>
    public async Task<IPAddress[]> ResolveAllowedAsync(string host, CancellationToken cancellationToken = default)
    {
        var addresses = await ResolveAsync(host, cancellationToken);
        if (!addresses.All(IsAllowed))
        {
            // NOTE: one private address refuses the host even when others are public: a connection may land on any of them.
            throw new InvalidJobInputException(NotAllowedCode,
                $"The URL's host '{host}' is a private, loopback or link-local address, which this service does not connect to.");
        }

        return addresses;
    }

    /// <summary>
    /// True for addresses that are not on the public internet: unspecified, loopback, private
    /// (RFC 1918, shared 100.64/10, IPv6 unique local), link-local (169.254/16 with cloud metadata,
    /// fe80::/10), multicast, broadcast and reserved; IPv4 inside IPv6 is judged as IPv4.
    /// </summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] is 0 or 10 or 127 or >= 224
                || (b[0] == 100 && b[1] is >= 64 and <= 127)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
                || (b[0] == 198 && b[1] is 18 or 19);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true;
        }

        var bytes = address.GetAddressBytes();
        if (IsNat64(bytes))
        {
            return IsPrivate(new IPAddress(bytes.AsSpan(12, 4)));
        }

        return address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal
            || address.IsIPv6UniqueLocal
            || address.IsIPv6Multicast
            // ::/96: unspecified (::), loopback (::1) and the deprecated IPv4-compatible ::a.b.c.d.
            || bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0;
    }

    // 64:ff9b::/96 carries an IPv4 address in its last four bytes.
    private static bool IsNat64(byte[] bytes) =>
        bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b && bytes.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0;

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            return addresses.Length > 0
                ? addresses
                : throw new InvalidJobInputException("invalid_url", $"The URL's host '{host}' has no address.");
        }
        catch (SocketException)
        {
            throw new InvalidJobInputException("invalid_url", $"The URL's host '{host}' could not be resolved.");
        }
    }
}
