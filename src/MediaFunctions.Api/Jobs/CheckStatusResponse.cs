using MediaFunctions.Api.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediaFunctions.Api.Jobs;

/// <summary>
/// The 202 answer of every endpoint that starts an orchestration, shaped as Durable Functions'
/// check-status payload: absolute links to the tenant instance routes (<c>/api/instances/…</c>)
/// built from the request's scheme and host. <see cref="SendEventPostUri"/> keeps the
/// <c>{eventName}</c> placeholder and the reason links a <c>{text}</c> placeholder, as Durable's do.
/// </summary>
public record CheckStatusResponse(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string SuspendPostUri,
    string ResumePostUri)
{
    /// <summary>The links for <paramref name="instanceId"/>, relative to the request's origin.</summary>
    public static CheckStatusResponse Create(HttpRequest request, string instanceId)
    {
        var instance = $"{request.Scheme}://{request.Host}{request.PathBase}{InstanceEndpoints.TenantRoutePrefix}/{Uri.EscapeDataString(instanceId)}";
        return new CheckStatusResponse(
            instanceId,
            instance,
            instance + "/raiseEvent/{eventName}",
            instance + "/terminate?reason={text}",
            instance,
            instance + "/suspend?reason={text}",
            instance + "/resume?reason={text}");
    }

    /// <summary>202 Accepted with this payload and <c>Location</c> = <see cref="StatusQueryGetUri"/>.</summary>
    public static Accepted<CheckStatusResponse> Accepted(HttpRequest request, string instanceId)
    {
        var payload = Create(request, instanceId);
        return TypedResults.Accepted(payload.StatusQueryGetUri, payload);
    }
}
