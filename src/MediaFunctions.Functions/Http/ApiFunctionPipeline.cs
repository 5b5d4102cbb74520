using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Cors;
using MediaFunctions.Api.Errors;
using MediaFunctions.Api.Idempotency;
using MediaFunctions.Api.RateLimits;
using MediaFunctions.Functions.Orchestration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask.Client;

namespace MediaFunctions.Functions.Http;

/// <summary>
/// What the self-host's middleware and route metadata do around each endpoint handler, done for an
/// HTTP function: the request body cap, the API-key policy (401/403 with the error envelope), the
/// key's rate limits (429), <c>Idempotency-Key</c> on the routes that create work (<see cref="IdempotentRoutes"/>), the error envelope for exceptions and the exposed headers of CORS responses. The handler itself is the self-host's, called unchanged.
/// </summary>
public sealed class ApiFunctionPipeline(IAuthorizationPolicyProvider policies, IPolicyEvaluator evaluator, DurableTaskClientAccessor clients,
    IdempotentRequests idempotency)
{
    /// <summary>
    /// Stores the bound Durable client (when the route uses one) for the core's services, then runs <paramref name="handler"/> for <paramref name="request"/> when the caller satisfies
    /// <paramref name="policy"/> (null for open routes); returns what the handler returned, or an
    /// empty result when the response has already been written.
    /// </summary>
    public async Task<IResult> RunAsync(
        HttpRequest request,
        DurableTaskClient? client,
        string? policy,
        Func<HttpContext, CancellationToken, Task<IResult>> handler,
        long? maxRequestBodyBytes = null)
    {
        if (client is not null)
        {
            clients.Client = client;
        }

        var context = request.HttpContext;
        if (request.Headers.Origin.Count > 0 && ApiCors.Applies(request.Path))
        {
            // The platform's CORS (infra: siteConfig.cors) answers preflights and adds Access-Control-Allow-Origin, but has no
            // setting for exposed headers: the rate-limit headers and the rest are exposed here.
            context.Response.Headers.AccessControlExposeHeaders = string.Join(", ", ApiCors.ExposedHeaders);
        }

        try
        {
            if (maxRequestBodyBytes is { } max && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = max;
            }

            if (policy is not null && (!await AuthorizeAsync(context, policy) || !await KeyRateLimitGate.TryPassAsync(context)))
            {
                return Results.Empty;
            }

            if (policy is not null && IdempotentRoutes.Cover(request))
            {
                await idempotency.InvokeAsync(context, async () => await (await handler(context, context.RequestAborted)).ExecuteAsync(context));
                return Results.Empty;
            }

            return await handler(context, context.RequestAborted);
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            await ApiExceptionHandler.WriteAsync(context, exception);
            return Results.Empty;
        }
    }

    private async Task<bool> AuthorizeAsync(HttpContext context, string policyName)
    {
        var policy = await policies.GetPolicyAsync(policyName)
            ?? throw new InvalidOperationException($"The authorization policy '{policyName}' is not registered.");
        var authentication = await evaluator.AuthenticateAsync(policy, context);
        var authorization = await evaluator.AuthorizeAsync(policy, authentication, context, resource: null);
        if (authorization.Succeeded)
        {
            return true;
        }

        if (authorization.Challenged)
        {
            await context.ChallengeAsync(ApiKeyAuthenticationDefaults.Scheme);
        }
        else
        {
            await context.ForbidAsync(ApiKeyAuthenticationDefaults.Scheme);
        }

        return false;
    }
}
