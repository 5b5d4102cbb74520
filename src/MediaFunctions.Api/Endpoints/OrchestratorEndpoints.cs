using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Errors;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Keys;
using MediaFunctions.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MediaFunctions.Api.Endpoints;

/// <summary>
/// Durable Functions' "start orchestration" route, <c>POST {DurableRoutePrefix}/orchestrators/{name}[/{instanceId}]</c>,
/// for admin keys only (in Azure this path needs the system key): it starts any registered
/// orchestrator with the JSON body as input and so skips the validation the job endpoints do.
/// Operators and tests use it; tenants start work through the job endpoints.
/// </summary>
public static class OrchestratorEndpoints
{
    public const string RoutePrefix = "/runtime/webhooks/durabletask/orchestrators";

    /// <summary>The largest input this route accepts.</summary>
    public const long MaxInputBytes = 1024 * 1024;

    /// <summary>Maps the start route behind the admin policy.</summary>
    public static IEndpointRouteBuilder MapOrchestratorEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(RoutePrefix + "/{functionName}/{instanceId?}", StartOrchestrationAsync)
            .RequireAuthorization(ApiKeyAuthenticationDefaults.AdminPolicy)
            .WithMetadata(new RequestBodyLimit(MaxInputBytes))
            .ExcludeFromDescription();
        return routes;
    }

    /// <summary>Starts the orchestrator; 202 with the check-status payload, 400 for an unknown name, 409 when the id is live.</summary>
    public static async Task<Results<Accepted<CheckStatusResponse>, JsonHttpResult<ApiErrorResponse>>> StartOrchestrationAsync(
        string functionName,
        string? instanceId,
        HttpContext context,
        IOrchestrationClient client,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var input = await JsonRequestBody.ReadAsync(context.Request, cancellationToken);

        string id;
        try
        {
            id = await client.ScheduleNewOrchestrationInstanceAsync(functionName, input,
                new StartOrchestrationOptions(instanceId ?? InstanceIds.NewFor(context.GetApiKey().Id, timeProvider.GetUtcNow())), cancellationToken);
        }
        catch (ArgumentException exception)
        {
            // The client refuses unknown orchestrator names and malformed ids this way.
            return ApiErrorResponse.BadRequest(exception.Message);
        }

        return CheckStatusResponse.Accepted(context.Request, id);
    }
}
