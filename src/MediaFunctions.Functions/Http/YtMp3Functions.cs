using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Functions.Http;

/// <summary>The YouTube-to-MP3 dialect (<see cref="YtMp3Endpoints"/>), one function per route.</summary>
public sealed class YtMp3Functions(ApiFunctionPipeline pipeline, JobAcceptance acceptance, JobViews views, MediaBatches batches, IOptions<JobOptions> jobOptions)
{
    [Function("YtMp3Convert")]
    public Task<IResult> ConvertAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "convert")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await YtMp3Endpoints.ConvertAsync(context, acceptance, views, jobOptions, cancellationToken));

    [Function("YtMp3BatchConvert")]
    public Task<IResult> BatchConvertAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "batch-convert")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await YtMp3Endpoints.BatchConvertAsync(context, batches, cancellationToken));

    [Function("YtMp3GetStatus")]
    public Task<IResult> GetStatusAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status/{conversionId}")] HttpRequest request,
        string conversionId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await YtMp3Endpoints.GetStatusAsync(conversionId, context, views, cancellationToken));
}
