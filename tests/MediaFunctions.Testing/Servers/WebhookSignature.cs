using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Xunit;

namespace MediaFunctions.Testing.Servers;

/// <summary>Checks a received webhook's signature as README tells receivers to.</summary>
public static class WebhookSignature
{
    /// <summary>HMAC-SHA256 of "&lt;t&gt;.&lt;raw body&gt;" keyed with <paramref name="secret"/>, a recent t, and a JSON body.</summary>
    public static void AssertSigned(string secret, ReceivedWebhook request)
    {
        var parts = request.Headers["X-MediaFunctions-Signature"].Split(',').Select(part => part.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        var timestamp = long.Parse(parts["t"], CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes(parts["t"] + ".").Concat(request.Body).ToArray();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        Assert.Equal(expected, parts["v1"]);
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(timestamp), request.ReceivedAt.AddMinutes(-1), request.ReceivedAt.AddSeconds(1));
        _ = JsonDocument.Parse(request.Body);
    }
}
