using System.Text.Json;
using System.Text.Json.Nodes;
using MediaFunctions.Api.Auphonic;
using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Api.Errors;
using MediaFunctions.Core.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MediaFunctions.Api.OAuth;

/// <summary>
/// Registering OAuth apps, in the Auphonic envelope: Auphonic registers apps on a web page of the account; this service has
/// no accounts, so a key registers its apps here. Only the key itself may: a request made with an OAuth access token is a 403,
/// so an app cannot register or delete apps in its user's name. Each key sees only its own apps.
/// </summary>
public static class OAuthAppEndpoints
{
    public const string ListRoute = "/api/oauth2/apps.json";
    public const string AppRoute = "/api/oauth2/app/{client_id}.json";

    /// <summary>The largest registration body accepted; a larger one is a 413.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    private const string Example = "{\"name\": \"My App\", \"redirect_uris\": [\"https://app.example.com/callback\"]}";

    /// <summary>Maps the registration routes behind the API-key policy.</summary>
    public static IEndpointRouteBuilder MapOAuthAppEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("OAuth").RequireAuthorization(ApiKeyAuthenticationDefaults.Policy).ExcludeFromDescription()
            .WithMetadata(new RequestBodyLimit(MaxBodyBytes));
        group.MapGet(ListRoute, ListAppsAsync);
        group.MapPost(ListRoute, CreateAppAsync);
        group.MapGet(AppRoute, GetAppAsync);
        group.MapDelete(AppRoute, DeleteAppAsync);
        return routes;
    }

    /// <summary>GET <c>/api/oauth2/apps.json</c>: 200 with the key's apps, newest first.</summary>
    public static async Task<Ok<AuphonicResponse>> ListAppsAsync(HttpContext context, OAuthAppStore apps, CancellationToken cancellationToken)
    {
        var list = await apps.ListAsync(OwnerOf(context), cancellationToken);
        return TypedResults.Ok(AuphonicResponse.Ok(new JsonArray([.. list.Select(OAuthAppData.From)])));
    }

    /// <summary>
    /// POST <c>/api/oauth2/apps.json</c> with <c>{"name", "redirect_uris": [...]}</c> (or one <c>redirect_uri</c>): 200 with the
    /// app, its client id and secret; 400 naming each bad field in <c>form_errors</c>.
    /// </summary>
    public static async Task<Ok<AuphonicResponse>> CreateAppAsync(HttpContext context, OAuthAppStore apps, CancellationToken cancellationToken)
    {
        var owner = OwnerOf(context);
        var body = await JsonRequestBody.ReadAsync(context.Request, cancellationToken)
            ?? throw ApiException.BadRequest($"The request body is empty; send a JSON object such as {Example}.");
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest($"The request body must be a JSON object such as {Example}.");
        }

        var app = await apps.CreateAsync(owner, ReadString(body, OAuthApp.NameField), ReadRedirectUris(body), cancellationToken);
        return TypedResults.Ok(AuphonicResponse.Ok(OAuthAppData.From(app)));
    }

    /// <summary>GET <c>/api/oauth2/app/{client_id}.json</c>: 200 with the app; 404 when the key has none by that id.</summary>
    public static async Task<Ok<AuphonicResponse>> GetAppAsync(string client_id, HttpContext context, OAuthAppStore apps, CancellationToken cancellationToken)
    {
        var app = await apps.GetAsync(OwnerOf(context), client_id, cancellationToken) ?? throw NotFound(client_id);
        return TypedResults.Ok(AuphonicResponse.Ok(OAuthAppData.From(app)));
    }

    /// <summary>
    /// DELETE <c>/api/oauth2/app/{client_id}.json</c>: 200 with null <c>data</c>; the app's codes and tokens stop working at once.
    /// 404 when the key has none by that id.
    /// </summary>
    public static async Task<Ok<AuphonicResponse>> DeleteAppAsync(string client_id, HttpContext context, OAuthAppStore apps, CancellationToken cancellationToken) =>
        await apps.DeleteAsync(OwnerOf(context), client_id, cancellationToken)
            ? TypedResults.Ok(AuphonicResponse.Ok(null))
            : throw NotFound(client_id);

    private static string OwnerOf(HttpContext context) =>
        context.User.HasClaim(claim => claim.Type == OAuthClaims.ClientId)
            ? throw ApiException.Forbidden("OAuth apps are registered and deleted with the API key itself, not with an OAuth access token.")
            : context.GetApiKey().Id;

    private static ApiException NotFound(string clientId) => ApiException.NotFound($"No OAuth app with client_id '{clientId}' exists for this API key.");

    private static string? ReadString(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // redirect_uris as a list, or redirect_uri as one URI or a list; anything else is left for validation to name.
    private static List<string>? ReadRedirectUris(JsonElement body)
    {
        foreach (var name in new[] { OAuthApp.RedirectUrisField, "redirect_uri" })
        {
            if (body.TryGetProperty(name, out var value))
            {
                return value.ValueKind switch
                {
                    JsonValueKind.String => [value.GetString()!],
                    JsonValueKind.Array when value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String) =>
                        [.. value.EnumerateArray().Select(item => item.GetString()!)],
                    _ => throw new InvalidOAuthAppException([new(OAuthApp.RedirectUrisField, $"{name} must be a URI or a list of URIs.")]),
                };
            }
        }

        return null;
    }
}
