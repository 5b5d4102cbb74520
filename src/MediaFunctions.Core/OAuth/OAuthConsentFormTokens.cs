using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using MediaFunctions.Core.Storage;

namespace MediaFunctions.Core.OAuth;

/// <summary>
/// The anti-forgery token of the consent form. The page sets no cookie (there are no sessions to ride on), so the token is
/// self-contained: an expiry and an HMAC-SHA256, under a key every host shares, over the expiry and the request it was
/// issued for (client id, redirect URI, state). A POST is accepted only with a token issued by the consent page of this
/// service for that same request within <see cref="Lifetime"/>, so a form built elsewhere, or one whose fields were
/// changed, is refused.
/// </summary>
public sealed class OAuthConsentFormTokens
{
    /// <summary>The blob in the work container that holds the signing key.</summary>
    public const string KeyBlobName = "_system/oauth-consent-form-key";

    /// <summary>How long the user has to answer the consent page.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly SystemSecret _key;
    private readonly TimeProvider _timeProvider;

    internal OAuthConsentFormTokens(BlobServiceClient blobs, TimeProvider timeProvider)
    {
        _key = new(blobs, KeyBlobName);
        _timeProvider = timeProvider;
    }

    /// <summary>A token for the consent form of this request: <c>{expiry unix seconds}.{mac}</c>.</summary>
    public async Task<string> IssueAsync(string clientId, string redirectUri, string? state, CancellationToken cancellationToken = default)
    {
        var expires = (_timeProvider.GetUtcNow() + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return expires + "." + Base64Url.EncodeToString(await MacAsync(expires, clientId, redirectUri, state, cancellationToken));
    }

    /// <summary>True when <paramref name="token"/> was issued for this request and has not expired.</summary>
    public async Task<bool> IsValidAsync(string? token, string clientId, string redirectUri, string? state, CancellationToken cancellationToken = default)
    {
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot <= 0 || !long.TryParse(token![..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || expires <= _timeProvider.GetUtcNow().ToUnixTimeSeconds())
        {
            return false;
        }

        byte[] mac;
        try
        {
            mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = await MacAsync(token[..dot], clientId, redirectUri, state, cancellationToken);
        return CryptographicOperations.FixedTimeEquals(mac, expected);
    }

    // A JSON array keeps the fields apart: no choice of state can make two requests sign the same bytes.
    private async Task<byte[]> MacAsync(string expires, string clientId, string redirectUri, string? state, CancellationToken cancellationToken)
    {
        var key = await _key.GetAsync(cancellationToken);
        return HMACSHA256.HashData(key, JsonSerializer.SerializeToUtf8Bytes(new[] { "consent.v1", expires, clientId, redirectUri, state ?? "" }));
    }
}
