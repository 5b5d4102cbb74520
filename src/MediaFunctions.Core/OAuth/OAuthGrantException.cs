namespace MediaFunctions.Core.OAuth;

/// <summary>
/// Thrown when a code or refresh token cannot be exchanged (RFC 6749 §5.2 <c>invalid_grant</c>): unknown, used, expired,
/// issued to another app or for another redirect URI, or its key or app is gone. The message says which.
/// </summary>
public sealed class OAuthGrantException(string message) : Exception(message)
{
    /// <summary>The RFC 6749 error code.</summary>
    public string Error => OAuthErrorCodes.InvalidGrant;
}
