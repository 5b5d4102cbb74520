using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Core.Productions.Presets;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MediaFunctions.Functions.Http;

/// <summary>The Auphonic dialect's presets (<see cref="AuphonicPresetEndpoints"/>), one function per route.</summary>
public sealed class AuphonicFunctions(ApiFunctionPipeline pipeline, ProductionPresetStore presets)
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
}
