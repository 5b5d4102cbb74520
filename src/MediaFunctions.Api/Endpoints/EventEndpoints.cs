using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Errors;
using MediaFunctions.Api.Events;
using MediaFunctions.Api.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaFunctions.Api.Endpoints;

/// <summary>
/// Live progress as server-sent events, for a job, a batch and an Auphonic production: each event's data is the resource as
/// its GET shows it. Another key's resource is 404, as its GET answers.
/// </summary>
public static class EventEndpoints
{
    public const string JobRoute = JobEndpoints.Route + "/{jobId}/events";
    public const string BatchRoute = BatchEndpoints.Route + "/{batchId}/events";
    public const string ProductionRoute = "/api/production/{uuid}/events";

    private const string Description = "text/event-stream: 'progress' events each time the resource changes (the first is how it stands), one 'done' "
        + "once it has ended, then the stream closes; every event's data is the resource as its GET shows it. Send Last-Event-ID to resume; "
        + "': keep-alive' comments while nothing changes. EventSource cannot send headers: pass the key as ?bearer_token=.";

    /// <summary>Maps the three stream routes behind the API-key policy.</summary>
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Events").RequireAuthorization(ApiKeyAuthenticationDefaults.Policy);
        group.MapGet(JobRoute, StreamJobEventsAsync)
            .WithSummary("Streams a job's progress.").WithDescription(Description)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .Produces<ApiErrorResponse>(StatusCodes.Status404NotFound);
        group.MapGet(BatchRoute, StreamBatchEventsAsync)
            .WithSummary("Streams a batch's progress.").WithDescription(Description)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .Produces<ApiErrorResponse>(StatusCodes.Status404NotFound);
        group.MapGet(ProductionRoute, StreamProductionEventsAsync).ExcludeFromDescription();
        return routes;
    }

    /// <summary>GET <c>/api/jobs/{id}/events</c>.</summary>
    public static async Task<IResult> StreamJobEventsAsync(string jobId, HttpContext context, [AsParameters] EventStreamServices services,
        CancellationToken cancellationToken)
    {
        var keyId = context.GetApiKey().Id;
        var baseUrl = FileLinks.ApiBaseUrl(context.Request);
        async Task<ResourceSnapshot?> ReadAsync(CancellationToken token) =>
            await services.Jobs.GetAsync(keyId, jobId, token) is { } job ? ResourceSnapshots.Of(job, baseUrl) : null;

        var first = await ReadAsync(cancellationToken) ?? throw ApiException.NotFound($"No job with id '{jobId}' exists for this API key.");
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ended = services.Jobs.WhenEndedAsync(jobId, streaming.Token);
        try
        {
            await services.Stream.WriteAsync(context, first, ReadAsync, cancellationToken, ended);
        }
        finally
        {
            await streaming.CancelAsync();
            await ended;
        }

        return Results.Empty;
    }

    /// <summary>GET <c>/api/batches/{id}/events</c>.</summary>
    public static async Task<IResult> StreamBatchEventsAsync(string batchId, HttpContext context, [AsParameters] EventStreamServices services,
        CancellationToken cancellationToken)
    {
        var keyId = context.GetApiKey().Id;
        var baseUrl = FileLinks.ApiBaseUrl(context.Request);
        async Task<ResourceSnapshot?> ReadAsync(CancellationToken token) =>
            await services.Batches.GetAsync(keyId, batchId, token) is { } batch ? ResourceSnapshots.Of(batch, baseUrl) : null;

        var first = await ReadAsync(cancellationToken) ?? throw ApiException.NotFound($"No batch with id '{batchId}' exists for this API key.");
        await services.Stream.WriteAsync(context, first, ReadAsync, cancellationToken);
        return Results.Empty;
    }

    /// <summary>GET <c>/api/production/{uuid}/events</c>: each event's data is the envelope <c>GET /api/production/{uuid}.json</c> answers.</summary>
    public static async Task<IResult> StreamProductionEventsAsync(string uuid, HttpContext context, [AsParameters] EventStreamServices services,
        CancellationToken cancellationToken)
    {
        var keyId = context.GetApiKey().Id;
        async Task<ResourceSnapshot?> ReadAsync(CancellationToken token) =>
            await services.Productions.Productions.GetAsync(keyId, uuid, token) is { } production
                ? ResourceSnapshots.Of(production, await AuphonicProductionEndpoints.ViewAsync(production, context.Request, services.Productions, token))
                : null;

        var first = await ReadAsync(cancellationToken) ?? throw AuphonicProductionEndpoints.NotFound(uuid);
        await services.Stream.WriteAsync(context, first, ReadAsync, cancellationToken);
        return Results.Empty;
    }
}
