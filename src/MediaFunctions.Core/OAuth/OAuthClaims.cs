namespace MediaFunctions.Core.OAuth;

/// <summary>Claims a request authenticated with an OAuth access token carries beside its key's.</summary>
public static class OAuthClaims
{
    /// <summary>The client id of the app the access token was issued to.</summary>
    public const string ClientId = "mediafunctions:oauth_client_id";
}
