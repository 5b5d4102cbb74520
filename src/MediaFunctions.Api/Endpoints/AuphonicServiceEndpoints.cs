using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediaFunctions.Api.Auphonic;
using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Errors;
using MediaFunctions.Core.OAuth;
using MediaFunctions.Core.Productions.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MediaFunctions.Api.Endpoints;

/// <summary>
/// The Auphonic API's external services (seed 004): <c>GET /api/services.json</c> lists the key's services, and
/// <c>POST /api/service/connect.json</c> lets an OAuth app connect itself. Auphonic registers the other services in its
/// web app; this server has none, so they are registered with <c>POST /api/services.json</c>, read and deleted at
/// <c>/api/service/{uuid}.json</c>. Each key sees only its own services; another key's id is a 404 like an unknown one.
/// </summary>
public static class AuphonicServiceEndpoints
{
    public const string ListRoute = "/api/services.json";
    public const string ServiceRoute = "/api/service/{uuid}.json";
    public const string ConnectRoute = "/api/service/connect.json";

    /// <summary>The largest service body accepted; a larger one is a 413.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    private const string Example = "{\"type\": \"http\", \"display_name\": \"My server\", \"base_url\": \"https://example.com/media/\"}";
    private const string ConnectExample = "{\"display_name\": \"My Family Podcast\", \"webhook_url\": \"https://your-service.fm/webhook/\", \"custom_data\": \"…\"}";

    /// <summary>Maps the service routes behind the API-key policy (bearer in any case, <c>bearer_token</c>, basic auth).</summary>
    public static IEndpointRouteBuilder MapAuphonicServiceEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Auphonic").RequireAuthorization(ApiKeyAuthenticationDefaults.Policy).ExcludeFromDescription()
            .WithMetadata(new RequestBodyLimit(MaxBodyBytes));
        group.MapGet(ListRoute, ListServicesAsync);
        group.MapPost(ListRoute, CreateServiceAsync);
        group.MapPost(ConnectRoute, ConnectServiceAsync);
        group.MapGet(ServiceRoute, GetServiceAsync);
        group.MapDelete(ServiceRoute, DeleteServiceAsync);
        return routes;
    }

    /// <summary>GET <c>/api/services.json</c>: 200 with the key's services, newest first.</summary>
    public static async Task<Ok<AuphonicResponse>> ListServicesAsync(HttpContext context, ProductionServiceRegistry services, CancellationToken cancellationToken)
    {
        var list = await services.ListAsync(context.GetApiKey().Id, cancellationToken);
        return TypedResults.Ok(AuphonicResponse.Ok(new JsonArray([.. list.Select(AuphonicServiceData.From)])));
    }

    /// <summary>
    /// POST <c>/api/services.json</c>: 200 with the new service once its settings are checked (s3 and azure by a real call
    /// with its credentials); 400 naming each bad field in <c>form_errors</c>.
    /// </summary>
    public static async Task<Ok<AuphonicResponse>> CreateServiceAsync(HttpContext context, ProductionServiceRegistry services, CancellationToken cancellationToken)
    {
        var request = ProductionServiceRequest.Read(await ReadBodyAsync(context.Request, Example, cancellationToken));
        var service = await services.CreateAsync(context.GetApiKey().Id, request, cancellationToken);
        return TypedResults.Ok(AuphonicResponse.Ok(AuphonicServiceData.From(service)));
    }

    /// <summary>
    /// POST <c>/api/service/connect.json</c> with an OAuth access token: 200 with the new outgoing service of type
    /// <c>connected</c>, whose webhook gets a token signed with the app's secret after each production; 403 with an API key.
    /// </summary>
    public static async Task<Ok<AuphonicResponse>> ConnectServiceAsync(HttpContext context, ProductionServiceRegistry services, CancellationToken cancellationToken)
    {
        var clientId = ClientIdOf(context.User)
            ?? throw ApiException.Forbidden("Only an app can connect a service: call this with an OAuth access token the user granted your app, not an API key.");
        var request = ConnectedServiceRequest.Read(await ReadBodyAsync(context.Request, ConnectExample, cancellationToken));
        var service = await services.ConnectAsync(context.GetApiKey().Id, clientId, request, cancellationToken);
        return TypedResults.Ok(AuphonicResponse.Ok(AuphonicServiceData.From(service)));
    }

    /// <summary>GET <c>/api/service/{uuid}.json</c>: 200 with the service, 404 when the key has none by that id.</summary>
    public static async Task<Ok<AuphonicResponse>> GetServiceAsync(string uuid, HttpContext context, ProductionServiceRegistry services, CancellationToken cancellationToken)
    {
        var service = await services.FindAsync(context.GetApiKey().Id, uuid, cancellationToken) ?? throw NotFound(uuid);
        return TypedResults.Ok(AuphonicResponse.Ok(AuphonicServiceData.From(service)));
    }

    /// <summary>DELETE <c>/api/service/{uuid}.json</c>: 200 with null <c>data</c>; 404 when the key has none by that id.</summary>
    public static async Task<Ok<AuphonicResponse>> DeleteServiceAsync(string uuid, HttpContext context, ProductionServiceRegistry services, CancellationToken cancellationToken) =>
        await services.DeleteAsync(context.GetApiKey().Id, uuid, cancellationToken)
            ? TypedResults.Ok(AuphonicResponse.Ok(null))
            : throw NotFound(uuid);

    private static string? ClientIdOf(ClaimsPrincipal user) => user.FindFirst(OAuthClaims.ClientId)?.Value is { Length: > 0 } clientId ? clientId : null;

    private static ApiException NotFound(string uuid) => ApiException.NotFound($"No service with uuid '{uuid}' exists for this API key.");

    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request, string example, CancellationToken cancellationToken)
    {
        var body = await JsonRequestBody.ReadAsync(request, cancellationToken)
            ?? throw ApiException.BadRequest($"The request body is empty; send a JSON object such as {example}.");
        return body.ValueKind == JsonValueKind.Object
            ? JsonObject.Create(body)!
            : throw ApiException.BadRequest($"The request body must be a JSON object such as {example}.");
    }
}
