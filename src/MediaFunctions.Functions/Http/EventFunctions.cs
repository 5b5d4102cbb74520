using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Api.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MediaFunctions.Functions.Http;

/// <summary>
/// The live-progress streams (<see cref="EventEndpoints"/>), one function per route. The worker's ASP.NET Core integration
/// streams the response as the handler flushes it; Azure's front end still ends any response at 230 s, so these streams
/// stop at <see cref="MaxStreamDuration"/> with a <c>retry:</c> hint and the client resumes with <c>Last-Event-ID</c>.
/// </summary>
public sealed class EventFunctions(ApiFunctionPipeline pipeline, EventStreamServices services)
{
    /// <summary>The default <see cref="EventStreamOptions.EventStreamMaxDuration"/> in Azure: well inside the front end's 230 s.</summary>
    public static readonly TimeSpan MaxStreamDuration = TimeSpan.FromSeconds(200);

    [Function("StreamJobEvents")]
    public Task<IResult> StreamJobEventsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/jobs/{jobId}/events")] HttpRequest request,
        string jobId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            (context, cancellationToken) => EventEndpoints.StreamJobEventsAsync(jobId, context, services, cancellationToken));

    [Function("StreamBatchEvents")]
    public Task<IResult> StreamBatchEventsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/batches/{batchId}/events")] HttpRequest request,
        string batchId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            (context, cancellationToken) => EventEndpoints.StreamBatchEventsAsync(batchId, context, services, cancellationToken));

    [Function("StreamProductionEvents")]
    public Task<IResult> StreamProductionEventsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/production/{uuid}/events")] HttpRequest request,
        string uuid,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            (context, cancellationToken) => EventEndpoints.StreamProductionEventsAsync(uuid, context, services, cancellationToken));
}
