using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Api.Auth;

/// <summary>Registers API-key authentication and the policies keyed routes require.</summary>
public static class ApiKeyAuthenticationServiceCollectionExtensions
{
    /// <summary>Makes the API-key scheme the default and adds the <see cref="ApiKeyAuthenticationDefaults.Policy"/> and <see cref="ApiKeyAuthenticationDefaults.AdminPolicy"/> policies.</summary>
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationDefaults.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthenticationDefaults.Policy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationDefaults.Scheme)
                .RequireClaim(ApiKeyAuthenticationDefaults.KeyIdClaim))
            .AddPolicy(ApiKeyAuthenticationDefaults.AdminPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationDefaults.Scheme)
                .RequireClaim(ApiKeyAuthenticationDefaults.KeyIdClaim)
                .RequireClaim(ApiKeyAuthenticationDefaults.AdminClaim, "true"));
        return services;
    }
}
