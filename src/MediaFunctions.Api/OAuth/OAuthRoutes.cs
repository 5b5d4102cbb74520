using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.OAuth;

/// <summary>
/// The OAuth 2.0 paths of seed 004 (outside <c>/api</c>, as Auphonic has them). Errors the framework raises on them (a wrong
/// method, a body too large) are written as RFC 6749 errors (<see cref="OAuthErrorResponse"/>), not the API envelope.
/// </summary>
public static class OAuthRoutes
{
    /// <summary>The consent page (GET) and the user's answer to it (POST).</summary>
    public const string AuthorizeRoute = "/oauth2/authorize/";

    /// <summary>The token endpoint.</summary>
    public const string TokenRoute = "/oauth2/token/";

    private const string Prefix = "/oauth2/";

    /// <summary>True when <paramref name="path"/> is one of the OAuth endpoints'.</summary>
    public static bool Owns(PathString path) => path.StartsWithSegments(Prefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
