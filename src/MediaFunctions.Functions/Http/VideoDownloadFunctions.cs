using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MediaFunctions.Functions.Http;

/// <summary>The video-download dialect (<see cref="VideoDownloadEndpoints"/>), one function per route.</summary>
public sealed class VideoDownloadFunctions(ApiFunctionPipeline pipeline, JobAcceptance acceptance, JobViews views, MediaBatches batches)
{
    [Function("VideoDownloadCreateJob")]
    public Task<IResult> CreateJobAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "jobs")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await VideoDownloadEndpoints.CreateJobAsync(context, acceptance, batches, cancellationToken));

    [Function("VideoDownloadGetJob")]
    public Task<IResult> GetJobAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "jobs/{jobId}")] HttpRequest request,
        string jobId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await VideoDownloadEndpoints.GetJobAsync(jobId, context, views, cancellationToken));

    [Function("VideoDownloadGetBatch")]
    public Task<IResult> GetBatchAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "batch/{batchId}")] HttpRequest request,
        string batchId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await VideoDownloadEndpoints.GetBatchAsync(batchId, context, batches, cancellationToken));

    [Function("VideoDownloadRenameBatchJobs")]
    public Task<IResult> RenameBatchJobsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "batch/{batchId}/jobs")] HttpRequest request,
        string batchId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await VideoDownloadEndpoints.RenameBatchJobsAsync(batchId, context, batches, cancellationToken));

    [Function("VideoDownloadStartBatch")]
    public Task<IResult> StartBatchAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "batch/{batchId}/start")] HttpRequest request,
        string batchId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await VideoDownloadEndpoints.StartBatchAsync(batchId, context, batches, cancellationToken));
}
