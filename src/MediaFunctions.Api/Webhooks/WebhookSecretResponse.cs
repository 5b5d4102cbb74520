using MediaFunctions.Core.Webhooks;

namespace MediaFunctions.Api.Webhooks;

/// <summary>The caller's webhook secret and how webhooks carry their signature.</summary>
/// <param name="Secret">The HMAC-SHA256 key, used as its UTF-8 text; the same for every webhook of this API key.</param>
/// <param name="SignatureHeader">The header that holds <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC of "t.body"&gt;</c>.</param>
public sealed record WebhookSecretResponse(string Secret, string SignatureHeader)
{
    public static WebhookSecretResponse For(string secret) => new(secret, WebhookSignature.HeaderName);
}
