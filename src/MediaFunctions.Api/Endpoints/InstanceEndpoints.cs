using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Errors;
using MediaFunctions.Api.Instances;
using MediaFunctions.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace MediaFunctions.Api.Endpoints;

/// <summary>
/// The instance-management HTTP API of Durable Functions (same verbs, status codes and JSON) over
/// <see cref="IOrchestrationClient"/>, scoped to the caller's key: another tenant's instance is 404
/// and a query lists only the caller's instances (admin keys see all). Served at
/// <see cref="TenantRoutePrefix"/> and at the Durable path <see cref="DurableRoutePrefix"/>.
/// </summary>
public static class InstanceEndpoints
{
    public const string TenantRoutePrefix = "/api/instances";
    public const string DurableRoutePrefix = "/runtime/webhooks/durabletask/instances";
    public const string ContinuationTokenHeader = "x-ms-continuation-token";

    /// <summary>The largest event body <c>raiseEvent</c> accepts.</summary>
    public const long MaxEventBytes = 1024 * 1024;

    /// <summary>How long a client should wait before polling a running instance again (as Durable Functions asks).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    /// <summary>Maps the instance routes at both prefixes, behind the API-key policy.</summary>
    public static IEndpointRouteBuilder MapInstanceEndpoints(this IEndpointRouteBuilder routes)
    {
        MapRoutes(routes.MapGroup(TenantRoutePrefix).WithTags("Instances"));
        MapRoutes(routes.MapGroup(DurableRoutePrefix).WithTags("Instances (Durable Functions path)").ExcludeFromDescription());
        return routes;
    }

    private static void MapRoutes(RouteGroupBuilder group)
    {
        group.RequireAuthorization(ApiKeyAuthenticationDefaults.Policy);
        group.MapGet("", ListInstancesAsync)
            .WithSummary("Lists the caller's instances, one page at a time.")
            .WithDescription($"Pass the '{ContinuationTokenHeader}' response header back as a request header for the next page.");
        group.MapGet("{instanceId}", GetInstanceAsync)
            .WithSummary("Gets an instance's status: 202 while it runs, 200 when it has finished.");
        group.MapDelete("{instanceId}", PurgeInstanceAsync)
            .WithSummary("Deletes a finished instance's state and history.");
        group.MapPost("{instanceId}/raiseEvent/{eventName}", RaiseEventAsync)
            .WithSummary("Sends an event to a running instance; the JSON body is the event data.")
            .WithMetadata(new RequestBodyLimit(MaxEventBytes));
        group.MapPost("{instanceId}/terminate", TerminateInstanceAsync)
            .WithSummary("Terminates a running instance.");
        group.MapPost("{instanceId}/suspend", SuspendInstanceAsync)
            .WithSummary("Suspends a running instance.");
        group.MapPost("{instanceId}/resume", ResumeInstanceAsync)
            .WithSummary("Resumes a suspended instance.");
    }

    /// <summary>GET <c>instances/{id}</c>.</summary>
    public static async Task<Results<JsonHttpResult<InstanceStatusResponse>, JsonHttpResult<ApiErrorResponse>>> GetInstanceAsync(
        string instanceId,
        bool? showHistory,
        bool? showHistoryOutput,
        bool? showInput,
        bool? returnInternalServerErrorOnFailure,
        HttpContext context,
        IOrchestrationClient client,
        CancellationToken cancellationToken)
    {
        var metadata = await FindAsync(context, client, instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            return NotFound(instanceId);
        }

        var status = InstanceStatusResponse.From(metadata, showInput ?? true);
        if (showHistory == true)
        {
            var history = await client.GetInstanceHistoryAsync(instanceId, cancellationToken);
            status = status with { HistoryEvents = [.. history.Select(e => InstanceHistoryEventResponse.From(e, showHistoryOutput == true))] };
        }

        int statusCode;
        if (metadata.IsRunning || metadata.RuntimeStatus == OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            statusCode = StatusCodes.Status202Accepted;
            context.Response.Headers.Location = LocationWithoutKey(context.Request);
            context.Response.Headers.RetryAfter = ((int)PollInterval.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            statusCode = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed && returnInternalServerErrorOnFailure == true
                ? StatusCodes.Status500InternalServerError
                : StatusCodes.Status200OK;
        }

        return TypedResults.Json(status, statusCode: statusCode);
    }

    /// <summary>GET <c>instances</c>: a page of the caller's instances matching the filters.</summary>
    public static async Task<Results<Ok<IReadOnlyList<InstanceStatusResponse>>, JsonHttpResult<ApiErrorResponse>>> ListInstancesAsync(
        string? runtimeStatus,
        DateTimeOffset? createdTimeFrom,
        DateTimeOffset? createdTimeTo,
        string? instanceIdPrefix,
        bool? showInput,
        int? top,
        [FromHeader(Name = ContinuationTokenHeader)] string? continuationToken,
        HttpContext context,
        IOrchestrationClient client,
        CancellationToken cancellationToken)
    {
        if (top is < 1 or > InstanceQuery.MaxPageSize)
        {
            return ApiErrorResponse.BadRequest($"'top' must be between 1 and {InstanceQuery.MaxPageSize}.");
        }

        if (!TryParseStatuses(runtimeStatus, out var statuses, out var statusError))
        {
            return ApiErrorResponse.BadRequest(statusError);
        }

        if (!InstanceScope.TryNarrowPrefix(context.GetApiKey(), instanceIdPrefix, out var prefix))
        {
            return TypedResults.Ok<IReadOnlyList<InstanceStatusResponse>>([]);
        }

        var page = await client.QueryInstancesAsync(new InstanceQuery
        {
            Statuses = statuses,
            CreatedFrom = createdTimeFrom,
            CreatedTo = createdTimeTo,
            InstanceIdPrefix = prefix,
            PageSize = top ?? 100,
            ContinuationToken = string.IsNullOrEmpty(continuationToken) ? null : continuationToken,
            FetchInputsAndOutputs = true,
        }, cancellationToken);
        if (page.ContinuationToken is not null)
        {
            context.Response.Headers[ContinuationTokenHeader] = page.ContinuationToken;
        }

        return TypedResults.Ok<IReadOnlyList<InstanceStatusResponse>>([.. page.Instances.Select(i => InstanceStatusResponse.From(i, showInput ?? true))]);
    }

    /// <summary>POST <c>instances/{id}/raiseEvent/{eventName}</c>: 202, 404, or 410 when the instance has finished.</summary>
    public static async Task<Results<Accepted, JsonHttpResult<ApiErrorResponse>>> RaiseEventAsync(
        string instanceId,
        string eventName,
        HttpContext context,
        IOrchestrationClient client,
        CancellationToken cancellationToken)
    {
        if (await FindLiveAsync(context, client, instanceId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (JsonRequestBody.IsPresent(context.Request) && !context.Request.HasJsonContentType())
        {
            // As Durable Functions answers: 400, event data must be JSON.
            return ApiErrorResponse.BadRequest("Only application/json request content is supported.", ApiErrorCodes.UnsupportedMediaType);
        }

        var eventData = await JsonRequestBody.ReadAsync(context.Request, cancellationToken);
        await client.RaiseEventAsync(instanceId, eventName, eventData, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>POST <c>instances/{id}/terminate?reason=</c>: 202, 404, or 410 when the instance has finished.</summary>
    public static Task<Results<Accepted, JsonHttpResult<ApiErrorResponse>>> TerminateInstanceAsync(
        string instanceId, string? reason, HttpContext context, IOrchestrationClient client, CancellationToken cancellationToken) =>
        ControlAsync(context, client, instanceId, () => client.TerminateInstanceAsync(instanceId, reason, cancellationToken), cancellationToken);

    /// <summary>POST <c>instances/{id}/suspend?reason=</c>: 202, 404, or 410 when the instance has finished.</summary>
    public static Task<Results<Accepted, JsonHttpResult<ApiErrorResponse>>> SuspendInstanceAsync(
        string instanceId, string? reason, HttpContext context, IOrchestrationClient client, CancellationToken cancellationToken) =>
        ControlAsync(context, client, instanceId, () => client.SuspendInstanceAsync(instanceId, reason, cancellationToken), cancellationToken);

    /// <summary>POST <c>instances/{id}/resume?reason=</c>: 202, 404, or 410 when the instance has finished.</summary>
    public static Task<Results<Accepted, JsonHttpResult<ApiErrorResponse>>> ResumeInstanceAsync(
        string instanceId, string? reason, HttpContext context, IOrchestrationClient client, CancellationToken cancellationToken) =>
        ControlAsync(context, client, instanceId, () => client.ResumeInstanceAsync(instanceId, reason, cancellationToken), cancellationToken);

    /// <summary>DELETE <c>instances/{id}</c>: 200 <c>{"instancesDeleted":1}</c>, 404, or 412 while the instance runs.</summary>
    public static async Task<Results<Ok<PurgeResponse>, JsonHttpResult<ApiErrorResponse>>> PurgeInstanceAsync(
        string instanceId, HttpContext context, IOrchestrationClient client, CancellationToken cancellationToken)
    {
        var metadata = await FindAsync(context, client, instanceId, getInputsAndOutputs: false, cancellationToken);
        if (metadata is null)
        {
            return NotFound(instanceId);
        }

        if (!metadata.IsCompleted)
        {
            return ApiErrorResponse.PreconditionFailed(
                $"Only finished instances can be purged, but instance '{instanceId}' is {metadata.RuntimeStatus}; terminate it first.");
        }

        return await client.PurgeInstanceAsync(instanceId, cancellationToken)
            ? TypedResults.Ok(new PurgeResponse(1))
            : NotFound(instanceId);
    }

    private static async Task<Results<Accepted, JsonHttpResult<ApiErrorResponse>>> ControlAsync(
        HttpContext context, IOrchestrationClient client, string instanceId, Func<Task> operation, CancellationToken cancellationToken)
    {
        if (await FindLiveAsync(context, client, instanceId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        await operation();
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>Null when the instance exists for the caller and has not finished; else the 404 or 410 to answer.</summary>
    private static async Task<JsonHttpResult<ApiErrorResponse>?> FindLiveAsync(
        HttpContext context, IOrchestrationClient client, string instanceId, CancellationToken cancellationToken)
    {
        var metadata = await FindAsync(context, client, instanceId, getInputsAndOutputs: false, cancellationToken);
        if (metadata is null)
        {
            return NotFound(instanceId);
        }

        return metadata.IsCompleted
            ? ApiErrorResponse.Gone($"Instance '{instanceId}' has already finished ({metadata.RuntimeStatus}).")
            : null;
    }

    private static async Task<OrchestrationMetadata?> FindAsync(
        HttpContext context, IOrchestrationClient client, string instanceId, bool getInputsAndOutputs, CancellationToken cancellationToken) =>
        InstanceScope.CanAccess(context.GetApiKey(), instanceId)
            ? await client.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken)
            : null;

    private static JsonHttpResult<ApiErrorResponse> NotFound(string instanceId) =>
        ApiErrorResponse.NotFound($"No instance with id '{instanceId}' exists for this API key.");

    private static bool TryParseStatuses(string? value, out IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses, out string error)
    {
        statuses = null;
        error = "";
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        var parsed = new HashSet<OrchestrationRuntimeStatus>();
        foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status) || int.TryParse(name, out _))
            {
                error = $"'{name}' is not a runtime status; use a comma-separated list of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}.";
                return false;
            }

            parsed.Add(status);
        }

        statuses = parsed.Count == 0 ? null : parsed;
        return true;
    }

    /// <summary>The request's own URL, minus a key passed in the query so it is not echoed into headers and logs.</summary>
    private static string LocationWithoutKey(HttpRequest request)
    {
        var query = QueryString.Create(request.Query
            .Where(pair => !pair.Key.Equals(ApiKeyCredential.QueryParameter, StringComparison.OrdinalIgnoreCase))
            .SelectMany(pair => pair.Value.Select(v => new KeyValuePair<string, string?>(pair.Key, v))));
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{query}";
    }
}
