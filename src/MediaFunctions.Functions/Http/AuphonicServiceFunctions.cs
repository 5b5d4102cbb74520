using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Core.Productions.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MediaFunctions.Functions.Http;

/// <summary>The Auphonic dialect's external services (<see cref="AuphonicServiceEndpoints"/>), one function per route.</summary>
public sealed class AuphonicServiceFunctions(ApiFunctionPipeline pipeline, ProductionServiceRegistry services)
{
    [Function("AuphonicListServices")]
    public Task<IResult> ListServicesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/services.json")] HttpRequest request) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicServiceEndpoints.ListServicesAsync(context, services, cancellationToken));

    [Function("AuphonicCreateService")]
    public Task<IResult> CreateServiceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/services.json")] HttpRequest request) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicServiceEndpoints.CreateServiceAsync(context, services, cancellationToken),
            AuphonicServiceEndpoints.MaxBodyBytes);

    [Function("AuphonicConnectService")]
    public Task<IResult> ConnectServiceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/service/connect.json")] HttpRequest request) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicServiceEndpoints.ConnectServiceAsync(context, services, cancellationToken),
            AuphonicServiceEndpoints.MaxBodyBytes);

    [Function("AuphonicGetService")]
    public Task<IResult> GetServiceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/service/{uuid}.json")] HttpRequest request, string uuid) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicServiceEndpoints.GetServiceAsync(uuid, context, services, cancellationToken));

    [Function("AuphonicDeleteService")]
    public Task<IResult> DeleteServiceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/service/{uuid}.json")] HttpRequest request, string uuid) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicServiceEndpoints.DeleteServiceAsync(uuid, context, services, cancellationToken));
}
