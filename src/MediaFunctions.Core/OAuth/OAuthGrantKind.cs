namespace MediaFunctions.Core.OAuth;

/// <summary>The three kinds of grant, each a partition of the grants table.</summary>
internal enum OAuthGrantKind
{
    Code,
    AccessToken,
    RefreshToken,
}
