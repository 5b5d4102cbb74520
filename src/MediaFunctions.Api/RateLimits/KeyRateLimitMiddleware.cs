using MediaFunctions.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.RateLimits;

/// <summary>
/// Runs <see cref="KeyRateLimitGate"/> for every endpoint that requires authorization, so each keyed
/// route group is limited without opting in; anonymous routes (health, stable file links) and
/// routes without authorization metadata (the OpenAPI document, the API page) are not counted.
/// Goes after authorization, which has already refused a request without a valid key.
/// </summary>
internal sealed class KeyRateLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        var keyed = metadata?.GetMetadata<IAuthorizeData>() is not null
            && metadata.GetMetadata<IAllowAnonymous>() is null
            && context.User.HasClaim(claim => claim.Type == ApiKeyAuthenticationDefaults.KeyIdClaim);
        if (keyed && !await KeyRateLimitGate.TryPassAsync(context))
        {
            return;
        }

        await next(context);
    }
}
