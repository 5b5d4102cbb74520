using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.Idempotency;

/// <summary>The self-host's use of <see cref="IdempotentRequests"/>: around every route of <see cref="IdempotentRoutes"/>, after authentication and rate limits.</summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IdempotentRequests requests)
{
    public Task InvokeAsync(HttpContext context) =>
        IdempotentRoutes.Cover(context.Request) && context.User.Identity?.IsAuthenticated == true
            ? requests.InvokeAsync(context, () => next(context))
            : next(context);
}
