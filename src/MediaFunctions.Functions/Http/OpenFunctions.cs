using MediaFunctions.Api.Endpoints;
using MediaFunctions.Core.Links;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MediaFunctions.Functions.Http;

/// <summary>The routes that need no key: health (<see cref="HealthEndpoints"/>) and stable file links (<see cref="FileEndpoints"/>).</summary>
public sealed class OpenFunctions(ApiFunctionPipeline pipeline, HealthCheckService health, StableFileLinks links)
{
    [Function("GetHealth")]
    public Task<IResult> GetHealthAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request) =>
        pipeline.RunAsync(request, client: null, policy: null,
            async (context, cancellationToken) => await HealthEndpoints.GetHealthAsync(health, context, cancellationToken));

    [Function("GetFile")]
    public Task<IResult> GetFileAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/files/{token}")] HttpRequest request,
        string token) =>
        pipeline.RunAsync(request, client: null, policy: null,
            async (context, cancellationToken) => await FileEndpoints.GetFileAsync(token, links, context, cancellationToken));
}
