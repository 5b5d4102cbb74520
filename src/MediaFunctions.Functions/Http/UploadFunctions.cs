using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Core.Uploads;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MediaFunctions.Functions.Http;

/// <summary>The upload sessions (<see cref="UploadEndpoints"/>), one function per route.</summary>
public sealed class UploadFunctions(ApiFunctionPipeline pipeline, UploadSessions uploads)
{
    [Function("CreateUpload")]
    public Task<IResult> CreateUploadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/uploads")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await UploadEndpoints.CreateUploadAsync(context, uploads, cancellationToken));

    [Function("GetUpload")]
    public Task<IResult> GetUploadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/uploads/{uploadId}")] HttpRequest request,
        string uploadId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await UploadEndpoints.GetUploadAsync(uploadId, context, uploads, cancellationToken));

    [Function("CompleteUpload")]
    public Task<IResult> CompleteUploadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/uploads/{uploadId}/complete")] HttpRequest request,
        string uploadId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await UploadEndpoints.CompleteUploadAsync(uploadId, context, uploads, cancellationToken));
}
