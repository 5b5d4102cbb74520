using System.Text.Json.Serialization;
using MediaFunctions.Core.OAuth;

namespace MediaFunctions.Api.OAuth;

/// <summary>
/// A successful token response (RFC 6749 §5.1). No <c>scope</c>: a token has the whole access of the key that granted it,
/// and no scope is ever requested.
/// </summary>
public sealed record OAuthTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string RefreshToken)
{
    public static OAuthTokenResponse From(OAuthTokens tokens) =>
        new(tokens.AccessToken, "bearer", (long)tokens.ExpiresIn.TotalSeconds, tokens.RefreshToken);
}
