using System.Text.Json.Nodes;
using MediaFunctions.Api.Auphonic;
using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Errors;
using MediaFunctions.Core.Productions;
using MediaFunctions.Core.Productions.Presets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MediaFunctions.Api.Endpoints;

/// <summary>
/// The Auphonic API's presets (seed 004): same paths, fields and envelope. Each key sees only its own presets;
/// another key's preset id is a 404 like an unknown one. Validation is <see cref="ProductionFields"/>'.
/// </summary>
public static class AuphonicPresetEndpoints
{
    public const string ListRoute = "/api/presets.json";
    public const string PresetRoute = "/api/preset/{uuid}.json";

    /// <summary>The largest preset body accepted; a larger one is a 413.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    private const string Example = "{\"preset_name\": \"My preset\", \"output_files\": [{\"format\": \"mp3\"}]}";

    /// <summary>Maps the preset routes behind the API-key policy (bearer in any case, <c>bearer_token</c>, basic auth).</summary>
    public static IEndpointRouteBuilder MapAuphonicPresetEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Auphonic").RequireAuthorization(ApiKeyAuthenticationDefaults.Policy).ExcludeFromDescription()
            .WithMetadata(new RequestBodyLimit(MaxBodyBytes));
        group.MapGet(ListRoute, ListPresetsAsync);
        group.MapPost(ListRoute, CreatePresetAsync);
        group.MapGet(PresetRoute, GetPresetAsync);
        group.MapPost(PresetRoute, UpdatePresetAsync);
        group.MapDelete(PresetRoute, DeletePresetAsync);
        return routes;
    }

    /// <summary>GET <c>/api/presets.json</c>: 200 with the key's presets, newest first.</summary>
    public static async Task<Ok<AuphonicResponse>> ListPresetsAsync(HttpContext context, ProductionPresetStore presets, CancellationToken cancellationToken)
    {
        var list = await presets.ListAsync(context.GetApiKey().Id, cancellationToken);
        return TypedResults.Ok(AuphonicResponse.Ok(new JsonArray([.. list.Select(AuphonicPresetData.From)])));
    }

    /// <summary>POST <c>/api/presets.json</c>: 200 with the new preset; 400 naming each bad field in <c>form_errors</c>.</summary>
    public static async Task<Ok<AuphonicResponse>> CreatePresetAsync(HttpContext context, ProductionPresetStore presets, CancellationToken cancellationToken)
    {
        var (name, _, fields) = ProductionFields.ReadPreset(await JsonRequestBody.ReadObjectAsync(context.Request, Example, cancellationToken), creating: true);
        var preset = await presets.CreateAsync(context.GetApiKey().Id, name!, fields, cancellationToken);
        return TypedResults.Ok(AuphonicResponse.Ok(AuphonicPresetData.From(preset)));
    }

    /// <summary>GET <c>/api/preset/{uuid}.json</c>: 200 with the preset, 404 when the key has none by that id.</summary>
    public static async Task<Ok<AuphonicResponse>> GetPresetAsync(string uuid, HttpContext context, ProductionPresetStore presets, CancellationToken cancellationToken)
    {
        var preset = await presets.GetAsync(context.GetApiKey().Id, uuid, cancellationToken) ?? throw NotFound(uuid);
        return TypedResults.Ok(AuphonicResponse.Ok(AuphonicPresetData.From(preset)));
    }

    /// <summary>
    /// POST <c>/api/preset/{uuid}.json</c>: a partial update (objects merged key by key, other fields replaced,
    /// <c>reset_data</c> clears first); 200 with the preset as stored.
    /// </summary>
    public static async Task<Ok<AuphonicResponse>> UpdatePresetAsync(string uuid, HttpContext context, ProductionPresetStore presets, CancellationToken cancellationToken)
    {
        var (name, reset, change) = ProductionFields.ReadPreset(await JsonRequestBody.ReadObjectAsync(context.Request, Example, cancellationToken), creating: false);
        var preset = await presets.UpdateAsync(context.GetApiKey().Id, uuid,
            stored => stored with { Name = name ?? stored.Name, Fields = ProductionFields.Merge(stored.Fields, change, reset) }, cancellationToken)
            ?? throw NotFound(uuid);
        return TypedResults.Ok(AuphonicResponse.Ok(AuphonicPresetData.From(preset)));
    }

    /// <summary>DELETE <c>/api/preset/{uuid}.json</c>: 200 with null <c>data</c>; 404 when the key has none by that id.</summary>
    public static async Task<Ok<AuphonicResponse>> DeletePresetAsync(string uuid, HttpContext context, ProductionPresetStore presets, CancellationToken cancellationToken) =>
        await presets.DeleteAsync(context.GetApiKey().Id, uuid, cancellationToken)
            ? TypedResults.Ok(AuphonicResponse.Ok(null))
            : throw NotFound(uuid);

    private static ApiException NotFound(string uuid) => ApiException.NotFound($"No preset with uuid '{uuid}' exists for this API key.");
}
