using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MediaFunctions.Core.Webhooks;

/// <summary>
/// The signature a webhook carries in <see cref="HeaderName"/>: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where
/// the hex is the HMAC-SHA256, keyed with the key's webhook secret (its UTF-8 text, as
/// <c>GET /api/webhooks/secret</c> shows it), of the timestamp, a '.', and the raw body. The
/// timestamp is signed with the body so a captured request cannot be replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-MediaFunctions-Signature";

    /// <summary>The header value for a body sent at <paramref name="timestamp"/>.</summary>
    public static string Create(string secret, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        var unixSeconds = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = new byte[unixSeconds.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(unixSeconds + ".", signed);
        body.CopyTo(signed.AsSpan(unixSeconds.Length + 1));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}";
    }
}
