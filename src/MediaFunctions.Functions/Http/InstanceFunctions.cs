using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Orchestration;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MediaFunctions.Functions.Http;

/// <summary>
/// The tenant instance API (<see cref="InstanceEndpoints"/>) at <c>/api/instances</c>, one function per
/// route. The Durable path <c>/runtime/webhooks/durabletask</c> belongs to the Durable extension in
/// Azure and needs the system key, which tenants never get; check-status payloads point here.
/// </summary>
public sealed class InstanceFunctions(ApiFunctionPipeline pipeline, IOrchestrationClient orchestrations)
{
    private const string Route = "api/instances";

    [Function("ListInstances")]
    public Task<IResult> ListInstancesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await InstanceEndpoints.ListInstancesAsync(
                RequestQuery.String(request, "runtimeStatus"),
                RequestQuery.DateTimeOffset(request, "createdTimeFrom"),
                RequestQuery.DateTimeOffset(request, "createdTimeTo"),
                RequestQuery.String(request, "instanceIdPrefix"),
                RequestQuery.Boolean(request, "showInput"),
                RequestQuery.Int32(request, "top"),
                RequestQuery.Header(request, InstanceEndpoints.ContinuationTokenHeader),
                context, orchestrations, cancellationToken));

    [Function("GetInstance")]
    public Task<IResult> GetInstanceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{instanceId}")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await InstanceEndpoints.GetInstanceAsync(
                instanceId,
                RequestQuery.Boolean(request, "showHistory"),
                RequestQuery.Boolean(request, "showHistoryOutput"),
                RequestQuery.Boolean(request, "showInput"),
                RequestQuery.Boolean(request, "returnInternalServerErrorOnFailure"),
                context, orchestrations, cancellationToken));

    [Function("PurgeInstance")]
    public Task<IResult> PurgeInstanceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route + "/{instanceId}")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await InstanceEndpoints.PurgeInstanceAsync(instanceId, context, orchestrations, cancellationToken));

    [Function("RaiseInstanceEvent")]
    public Task<IResult> RaiseEventAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{instanceId}/raiseEvent/{eventName}")] HttpRequest request,
        string instanceId,
        string eventName,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await InstanceEndpoints.RaiseEventAsync(instanceId, eventName, context, orchestrations, cancellationToken),
            InstanceEndpoints.MaxEventBytes);

    [Function("TerminateInstance")]
    public Task<IResult> TerminateInstanceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{instanceId}/terminate")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await InstanceEndpoints.TerminateInstanceAsync(
                instanceId, RequestQuery.String(request, "reason"), context, orchestrations, cancellationToken));

    [Function("SuspendInstance")]
    public Task<IResult> SuspendInstanceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{instanceId}/suspend")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await InstanceEndpoints.SuspendInstanceAsync(
                instanceId, RequestQuery.String(request, "reason"), context, orchestrations, cancellationToken));

    [Function("ResumeInstance")]
    public Task<IResult> ResumeInstanceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{instanceId}/resume")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await InstanceEndpoints.ResumeInstanceAsync(
                instanceId, RequestQuery.String(request, "reason"), context, orchestrations, cancellationToken));
}
