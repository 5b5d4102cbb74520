namespace MediaFunctions.Core.OAuth;

/// <summary>What a successful exchange issues (RFC 6749 §5.1): a bearer access token and the refresh token that replaces it.</summary>
/// <param name="AccessToken">Sent as a bearer on /api routes until <paramref name="ExpiresIn"/> has passed.</param>
/// <param name="ExpiresIn">How long the access token works.</param>
/// <param name="RefreshToken">Exchanged once (grant_type=refresh_token) for a new pair.</param>
public sealed record OAuthTokens(string AccessToken, TimeSpan ExpiresIn, string RefreshToken);
