using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Core.Batches;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MediaFunctions.Functions.Http;

/// <summary>The native batches API (<see cref="BatchEndpoints"/>), one function per route.</summary>
public sealed class BatchFunctions(ApiFunctionPipeline pipeline, MediaBatches batches)
{
    [Function("CreateBatch")]
    public Task<IResult> CreateBatchAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/batches")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await BatchEndpoints.CreateBatchAsync(context, batches, cancellationToken));

    [Function("ListBatches")]
    public Task<IResult> ListBatchesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/batches")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await BatchEndpoints.ListBatchesAsync(
                RequestQuery.Int32(request, "pageSize"), RequestQuery.Header(request, InstanceEndpoints.ContinuationTokenHeader),
                context, batches, cancellationToken));

    [Function("GetBatch")]
    public Task<IResult> GetBatchAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/batches/{batchId}")] HttpRequest request,
        string batchId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await BatchEndpoints.GetBatchAsync(batchId, context, batches, cancellationToken));

    [Function("StartBatch")]
    public Task<IResult> StartBatchAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/batches/{batchId}/start")] HttpRequest request,
        string batchId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await BatchEndpoints.StartBatchAsync(batchId, context, batches, cancellationToken));

    [Function("RenameBatchJobs")]
    public Task<IResult> RenameBatchJobsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/batches/{batchId}/jobs")] HttpRequest request,
        string batchId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await BatchEndpoints.RenameBatchJobsAsync(batchId, context, batches, cancellationToken));

    [Function("CancelBatch")]
    public Task<IResult> CancelBatchAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/batches/{batchId}")] HttpRequest request,
        string batchId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await BatchEndpoints.CancelBatchAsync(batchId, context, batches, cancellationToken));
}
