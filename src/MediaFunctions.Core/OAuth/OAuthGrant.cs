namespace MediaFunctions.Core.OAuth;

/// <summary>What an authorization code, access token or refresh token stands for; stored under the token's hash, never the token.</summary>
/// <param name="ClientId">The app it was issued to.</param>
/// <param name="KeyId">The key whose access it grants.</param>
/// <param name="KeyHash">The hash of that key's secret when it was granted (<see cref="Keys.ApiKeyStore.Hash"/>, hex): a new secret for the key ends the grant.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="RedirectUri">For a code: the redirect URI it was sent to, which the exchange must repeat when <paramref name="RedirectUriSent"/>.</param>
/// <param name="RedirectUriSent">For a code: whether the authorization request named the redirect URI (RFC 6749 §4.1.3), rather than it being the app's only one.</param>
public sealed record OAuthGrant(string ClientId, string KeyId, string KeyHash, DateTimeOffset ExpiresAt, string? RedirectUri = null, bool RedirectUriSent = false);
