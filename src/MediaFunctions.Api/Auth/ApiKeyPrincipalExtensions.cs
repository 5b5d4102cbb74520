using System.Security.Claims;
using MediaFunctions.Core.Keys;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.Auth;

/// <summary>The key a request was authenticated with.</summary>
public static class ApiKeyPrincipalExtensions
{
    /// <summary>The caller's key; throws when the route is not behind the API-key policy.</summary>
    public static ApiKey GetApiKey(this ClaimsPrincipal user) =>
        user.FindFirst(ApiKeyAuthenticationDefaults.KeyIdClaim)?.Value is { } id
            ? new ApiKey(id, user.HasClaim(ApiKeyAuthenticationDefaults.AdminClaim, "true"))
            : throw new InvalidOperationException("The request was not authenticated with an API key; put the route behind the API-key policy.");

    /// <summary>The caller's key; throws when the route is not behind the API-key policy.</summary>
    public static ApiKey GetApiKey(this HttpContext context) => context.User.GetApiKey();
}
