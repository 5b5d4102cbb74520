using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Core.Productions.Presets;
using MediaFunctions.Core.Productions.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MediaFunctions.Functions.Http;

/// <summary>
/// The Auphonic dialect's presets (<see cref="AuphonicPresetEndpoints"/>) and production records
/// (<see cref="AuphonicProductionEndpoints"/>), one function per route.
/// </summary>
public sealed class AuphonicFunctions(ApiFunctionPipeline pipeline, ProductionPresetStore presets, ProductionStore productions)
{
    [Function("AuphonicListPresets")]
    public Task<IResult> ListPresetsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/presets.json")] HttpRequest request) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicPresetEndpoints.ListPresetsAsync(context, presets, cancellationToken));

    [Function("AuphonicCreatePreset")]
    public Task<IResult> CreatePresetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/presets.json")] HttpRequest request) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicPresetEndpoints.CreatePresetAsync(context, presets, cancellationToken),
            AuphonicPresetEndpoints.MaxBodyBytes);

    [Function("AuphonicGetPreset")]
    public Task<IResult> GetPresetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/preset/{uuid}.json")] HttpRequest request, string uuid) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicPresetEndpoints.GetPresetAsync(uuid, context, presets, cancellationToken));

    [Function("AuphonicUpdatePreset")]
    public Task<IResult> UpdatePresetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/preset/{uuid}.json")] HttpRequest request, string uuid) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicPresetEndpoints.UpdatePresetAsync(uuid, context, presets, cancellationToken),
            AuphonicPresetEndpoints.MaxBodyBytes);

    [Function("AuphonicDeletePreset")]
    public Task<IResult> DeletePresetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/preset/{uuid}.json")] HttpRequest request, string uuid) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicPresetEndpoints.DeletePresetAsync(uuid, context, presets, cancellationToken));

    [Function("AuphonicListProductions")]
    public Task<IResult> ListProductionsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/productions.json")] HttpRequest request) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicProductionEndpoints.ListProductionsAsync(context, productions, cancellationToken));

    [Function("AuphonicCreateProduction")]
    public Task<IResult> CreateProductionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/productions.json")] HttpRequest request) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicProductionEndpoints.CreateProductionAsync(context, productions, presets, cancellationToken),
            AuphonicProductionEndpoints.MaxBodyBytes);

    [Function("AuphonicGetProduction")]
    public Task<IResult> GetProductionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/production/{uuid}.json")] HttpRequest request, string uuid) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicProductionEndpoints.GetProductionAsync(uuid, context, productions, cancellationToken));

    [Function("AuphonicUpdateProduction")]
    public Task<IResult> UpdateProductionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/production/{uuid}.json")] HttpRequest request, string uuid) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicProductionEndpoints.UpdateProductionAsync(uuid, context, productions, cancellationToken),
            AuphonicProductionEndpoints.MaxBodyBytes);

    [Function("AuphonicDeleteProduction")]
    public Task<IResult> DeleteProductionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/production/{uuid}.json")] HttpRequest request, string uuid) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicProductionEndpoints.DeleteProductionAsync(uuid, context, productions, cancellationToken));

    [Function("AuphonicGetProductionStatus")]
    public Task<IResult> GetProductionStatusAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/production/{uuid}/status.json")] HttpRequest request, string uuid) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicProductionEndpoints.GetStatusAsync(uuid, context, productions, cancellationToken));
}
