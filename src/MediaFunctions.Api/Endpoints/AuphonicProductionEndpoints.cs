using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediaFunctions.Api.Auphonic;
using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Errors;
using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.Productions;
using MediaFunctions.Core.Productions.Presets;
using MediaFunctions.Core.Productions.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MediaFunctions.Api.Endpoints;

/// <summary>
/// The Auphonic API's production records (seed 004): same paths, fields and envelope. A production is saved with its
/// preset's values under its own and a status (Incomplete without an input, Production Not Started Yet with one); it is
/// not processed yet, so <c>"action": "start"</c> is refused. Each key sees only its own productions; another key's
/// production id is a 404 like an unknown one. Validation is <see cref="ProductionFields"/>'.
/// </summary>
public static class AuphonicProductionEndpoints
{
    public const string ListRoute = "/api/productions.json";
    public const string ProductionRoute = "/api/production/{uuid}.json";
    public const string StatusRoute = "/api/production/{uuid}/status.json";

    /// <summary>The largest production body accepted; a larger one is a 413.</summary>
    public const long MaxBodyBytes = AuphonicPresetEndpoints.MaxBodyBytes;

    /// <summary>How many productions a list holds when <c>limit</c> is not given.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest <c>limit</c>; a larger one is answered with this many.</summary>
    public const int MaxLimit = 1000;

    private const string Example = "{\"metadata\": {\"title\": \"My first Production\"}, \"input_file\": \"https://example.com/episode.mp3\"}";

    /// <summary>Maps the production routes behind the API-key policy (bearer in any case, <c>bearer_token</c>, basic auth).</summary>
    public static IEndpointRouteBuilder MapAuphonicProductionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Auphonic").RequireAuthorization(ApiKeyAuthenticationDefaults.Policy).ExcludeFromDescription()
            .WithMetadata(new RequestBodyLimit(MaxBodyBytes));
        group.MapGet(ListRoute, ListProductionsAsync);
        group.MapPost(ListRoute, CreateProductionAsync);
        group.MapGet(ProductionRoute, GetProductionAsync);
        group.MapPost(ProductionRoute, UpdateProductionAsync);
        group.MapDelete(ProductionRoute, DeleteProductionAsync);
        group.MapGet(StatusRoute, GetStatusAsync);
        return routes;
    }

    /// <summary>
    /// GET <c>/api/productions.json</c>: 200 with the key's productions, newest first, from <c>offset</c> (default 0), at most
    /// <c>limit</c> (default <see cref="DefaultLimit"/>, at most <see cref="MaxLimit"/>); <c>uuids_only</c> lists their uuids,
    /// <c>minimal_data</c> only uuid, status, status_string, metadata.title and creation_time.
    /// </summary>
    public static async Task<Ok<AuphonicResponse>> ListProductionsAsync(HttpContext context, ProductionStore productions, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var errors = new List<Core.Validation.ValidationError>();
        var limit = ReadCount(query, "limit", DefaultLimit, errors);
        var offset = ReadCount(query, "offset", 0, errors);
        var uuidsOnly = ReadFlag(query, "uuids_only", errors);
        var minimal = ReadFlag(query, "minimal_data", errors);
        if (errors.Count > 0)
        {
            throw new ProductionSettingsException(errors);
        }

        var page = (await productions.ListAsync(context.GetApiKey().Id, cancellationToken)).Skip(offset).Take(Math.Min(limit, MaxLimit));
        JsonArray data = uuidsOnly ? [.. page.Select(production => (JsonNode)production.Uuid)]
            : minimal ? [.. page.Select(AuphonicProductionData.Minimal)]
            : [.. page.Select(AuphonicProductionData.From)];
        return TypedResults.Ok(AuphonicResponse.Ok(data));
    }

    /// <summary>
    /// POST <c>/api/productions.json</c>: 200 with the new production, made of its <c>preset</c>'s values (one of the key's
    /// presets) with its own fields over them; 400 naming each bad field in <c>form_errors</c>.
    /// </summary>
    public static async Task<Ok<AuphonicResponse>> CreateProductionAsync(HttpContext context, ProductionStore productions, ProductionPresetStore presets,
        CancellationToken cancellationToken)
    {
        var (presetUuid, action, _, own) = ProductionFields.ReadProduction(await ReadBodyAsync(context.Request, cancellationToken), creating: true);
        RefuseStart(action);
        var keyId = context.GetApiKey().Id;
        JsonObject? presetFields = null;
        if (presetUuid is not null)
        {
            presetFields = (await presets.GetAsync(keyId, presetUuid, cancellationToken))?.Fields
                ?? throw new ProductionSettingsException([new(ProductionFields.Preset, $"No preset with uuid '{presetUuid}' exists for this API key.")]);
        }

        var fields = ProductionFields.ApplyPreset(presetFields, own);
        var production = await productions.CreateAsync(keyId, presetUuid, ProductionStatus.ForSaved(fields), fields, cancellationToken);
        return TypedResults.Ok(AuphonicResponse.Ok(AuphonicProductionData.From(production)));
    }

    /// <summary>GET <c>/api/production/{uuid}.json</c>: 200 with the production, 404 when the key has none by that id.</summary>
    public static async Task<Ok<AuphonicResponse>> GetProductionAsync(string uuid, HttpContext context, ProductionStore productions, CancellationToken cancellationToken)
    {
        var production = await productions.GetAsync(context.GetApiKey().Id, uuid, cancellationToken) ?? throw NotFound(uuid);
        return TypedResults.Ok(AuphonicResponse.Ok(AuphonicProductionData.From(production)));
    }

    /// <summary>GET <c>/api/production/{uuid}/status.json</c>: 200 with its uuid, status and status_string; 404 as above.</summary>
    public static async Task<Ok<AuphonicResponse>> GetStatusAsync(string uuid, HttpContext context, ProductionStore productions, CancellationToken cancellationToken)
    {
        var production = await productions.GetAsync(context.GetApiKey().Id, uuid, cancellationToken) ?? throw NotFound(uuid);
        return TypedResults.Ok(AuphonicResponse.Ok(AuphonicProductionData.Status(production)));
    }

    /// <summary>
    /// POST <c>/api/production/{uuid}.json</c>: a partial update (objects merged key by key, other fields replaced,
    /// <c>reset_data</c> clears all but the input first); 200 with the production as stored. Its preset stays the one it was
    /// made from: another <c>preset</c> is a 400.
    /// </summary>
    public static async Task<Ok<AuphonicResponse>> UpdateProductionAsync(string uuid, HttpContext context, ProductionStore productions, CancellationToken cancellationToken)
    {
        var (presetUuid, action, reset, change) = ProductionFields.ReadProduction(await ReadBodyAsync(context.Request, cancellationToken), creating: false);
        RefuseStart(action);
        var production = await productions.UpdateAsync(context.GetApiKey().Id, uuid, stored =>
        {
            if (presetUuid is not null && presetUuid != stored.PresetUuid)
            {
                throw new ProductionSettingsException([new(ProductionFields.Preset,
                    "A production's preset is applied when it is created; create a new production to use another preset.")]);
            }

            var fields = ProductionFields.UpdateProduction(stored.Fields, change, reset);
            // Only a saved production's status follows its fields; no other status exists on this server yet.
            var status = stored.Status is ProductionStatus.Incomplete or ProductionStatus.NotStarted ? ProductionStatus.ForSaved(fields) : stored.Status;
            return stored with { Status = status, Fields = fields };
        }, cancellationToken) ?? throw NotFound(uuid);
        return TypedResults.Ok(AuphonicResponse.Ok(AuphonicProductionData.From(production)));
    }

    /// <summary>DELETE <c>/api/production/{uuid}.json</c>: 200 with null <c>data</c>; 404 when the key has none by that id.</summary>
    public static async Task<Ok<AuphonicResponse>> DeleteProductionAsync(string uuid, HttpContext context, ProductionStore productions, CancellationToken cancellationToken) =>
        await productions.DeleteAsync(context.GetApiKey().Id, uuid, cancellationToken)
            ? TypedResults.Ok(AuphonicResponse.Ok(null))
            : throw NotFound(uuid);

    private static void RefuseStart(string? action)
    {
        if (action == ProductionFields.StartAction)
        {
            throw new ProductionSettingsException([new(ProductionFields.Action,
                "Productions cannot be started on this server yet; send \"action\": \"save\" (or no action) to save it.")]);
        }
    }

    private static int ReadCount(IQueryCollection query, string name, int fallback, List<Core.Validation.ValidationError> errors)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return fallback;
        }

        if (int.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return count;
        }

        errors.Add(new(name, $"{name} must be a whole number of 0 or more."));
        return fallback;
    }

    private static bool ReadFlag(IQueryCollection query, string name, List<Core.Validation.ValidationError> errors)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return false;
        }

        switch (values.ToString().ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "":
                return true;
            case "false" or "0" or "no":
                return false;
            default:
                errors.Add(new(name, $"{name} must be true or false."));
                return false;
        }
    }

    private static ApiException NotFound(string uuid) => ApiException.NotFound($"No production with uuid '{uuid}' exists for this API key.");

    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonRequestBody.ReadAsync(request, cancellationToken)
            ?? throw ApiException.BadRequest($"The request body is empty; send a JSON object such as {Example}.");
        return body.ValueKind == JsonValueKind.Object
            ? JsonObject.Create(body)!
            : throw ApiException.BadRequest($"The request body must be a JSON object such as {Example}.");
    }
}
