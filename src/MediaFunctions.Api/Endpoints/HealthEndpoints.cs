using MediaFunctions.Api.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MediaFunctions.Api.Endpoints;

/// <summary><c>GET /api/health</c>: no key needed; 200 when every component is healthy or degraded, 503 otherwise.</summary>
public static class HealthEndpoints
{
    public const string Route = "/api/health";

    /// <summary>Maps the health route.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Route, GetHealthAsync)
            .AllowAnonymous()
            .WithTags("Health")
            .WithSummary("Reports whether the service and the components it depends on work.");
        return routes;
    }

    /// <summary>Runs the registered health checks and reports each as a member of the response.</summary>
    public static async Task<JsonHttpResult<HealthResponse>> GetHealthAsync(HealthCheckService health, HttpContext context, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(HealthResponse.From(report),
            statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }
}
