using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using MediaFunctions.Core.Storage;

namespace MediaFunctions.Core.Webhooks;

/// <summary>
/// The secret each API key's webhooks are signed with: an HMAC-SHA256 of the key id under a server
/// key that every host shares (kept beside the file-link key, made once). Derived, not stored, so
/// there is nothing per key to keep in step; it is shown to the key's holder at
/// <c>GET /api/webhooks/secret</c>.
/// </summary>
public sealed class WebhookSecrets(BlobServiceClient blobs)
{
    /// <summary>What every secret starts with, so one pasted in the wrong place is recognisable.</summary>
    public const string Prefix = "whsec_";

    private readonly SystemSecret _serverKey = new(blobs, "_system/webhook-signing-key");

    /// <summary>The webhook secret of the key.</summary>
    public async Task<string> GetAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var mac = HMACSHA256.HashData(await _serverKey.GetAsync(cancellationToken), Encoding.UTF8.GetBytes($"webhook-secret/v1/{keyId}"));
        return Prefix + Base64Url.EncodeToString(mac);
    }
}
