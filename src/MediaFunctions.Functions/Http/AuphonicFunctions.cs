using MediaFunctions.Api.Auphonic;
using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Productions.Presets;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Functions.Http;

/// <summary>
/// The Auphonic dialect's presets (<see cref="AuphonicPresetEndpoints"/>), productions (<see cref="AuphonicProductionEndpoints"/>),
/// their uploads, runs and downloads (<see cref="AuphonicProductionRunEndpoints"/>) and the Simple API
/// (<see cref="AuphonicSimpleEndpoints"/>), one function per route. Routes that start or stop runs bind the Durable client.
/// </summary>
public sealed class AuphonicFunctions(ApiFunctionPipeline pipeline, ProductionPresetStore presets, AuphonicProductionServices productions,
    IOptions<JobOptions> jobOptions)
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
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/productions.json")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicProductionEndpoints.CreateProductionAsync(context, productions, cancellationToken),
            AuphonicProductionEndpoints.MaxBodyBytes);

    [Function("AuphonicGetProduction")]
    public Task<IResult> GetProductionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/production/{uuid}.json")] HttpRequest request, string uuid) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicProductionEndpoints.GetProductionAsync(uuid, context, productions, cancellationToken));

    [Function("AuphonicUpdateProduction")]
    public Task<IResult> UpdateProductionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/production/{uuid}.json")] HttpRequest request, string uuid,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicProductionEndpoints.UpdateProductionAsync(uuid, context, productions, cancellationToken),
            AuphonicProductionEndpoints.MaxBodyBytes);

    [Function("AuphonicDeleteProduction")]
    public Task<IResult> DeleteProductionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/production/{uuid}.json")] HttpRequest request, string uuid,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicProductionEndpoints.DeleteProductionAsync(uuid, context, productions, cancellationToken));

    [Function("AuphonicGetProductionStatus")]
    public Task<IResult> GetProductionStatusAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/production/{uuid}/status.json")] HttpRequest request, string uuid) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicProductionEndpoints.GetStatusAsync(uuid, context, productions, cancellationToken));

    [Function("AuphonicUploadProductionFiles")]
    public Task<IResult> UploadProductionFilesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/production/{uuid}/upload.json")] HttpRequest request, string uuid) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicProductionRunEndpoints.UploadAsync(uuid, context, productions, cancellationToken),
            AuphonicProductionRunEndpoints.MaxUploadRequestBytes(jobOptions.Value));

    [Function("AuphonicStartProduction")]
    public Task<IResult> StartProductionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/production/{uuid}/start.json")] HttpRequest request, string uuid,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicProductionRunEndpoints.StartAsync(uuid, context, productions, cancellationToken));

    [Function("AuphonicStopProduction")]
    public Task<IResult> StopProductionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/production/{uuid}/stop.json")] HttpRequest request, string uuid,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicProductionRunEndpoints.StopAsync(uuid, context, productions, cancellationToken));

    [Function("AuphonicDownloadResult")]
    public Task<IResult> DownloadResultAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/download/audio-result/{uuid}/{filename}")] HttpRequest request, string uuid, string filename) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicProductionRunEndpoints.DownloadAsync(uuid, filename, context, productions, cancellationToken));

    [Function("AuphonicSimpleCreateProduction")]
    public Task<IResult> SimpleCreateProductionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/simple/productions.json")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await AuphonicSimpleEndpoints.CreateAsync(context, productions, cancellationToken),
            AuphonicProductionRunEndpoints.MaxUploadRequestBytes(jobOptions.Value));
}
