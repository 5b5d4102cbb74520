using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Webhooks;
using MediaFunctions.Core.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MediaFunctions.Api.Endpoints;

/// <summary><c>GET /api/webhooks/secret</c>: the secret the caller's webhooks are signed with, for its receivers to check them.</summary>
public static class WebhookEndpoints
{
    public const string Route = "/api/webhooks";

    /// <summary>Maps the webhook routes behind the API-key policy.</summary>
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup(Route).WithTags("Webhooks").RequireAuthorization(ApiKeyAuthenticationDefaults.Policy)
            .MapGet("secret", GetSecretAsync)
            .WithSummary("Gets the secret this API key's webhooks are signed with.")
            .WithDescription($"Every webhook carries '{WebhookSignature.HeaderName}: t=<unix seconds>,v1=<hex>', the HMAC-SHA256 of '<t>.<raw body>' "
                + "keyed with this secret. The secret is the same for every job of the key.");
        return routes;
    }

    /// <summary>200 with the caller's secret; never cached.</summary>
    public static async Task<Ok<WebhookSecretResponse>> GetSecretAsync(WebhookSecrets secrets, HttpContext context, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(WebhookSecretResponse.For(await secrets.GetAsync(context.GetApiKey().Id, cancellationToken)));
    }
}
