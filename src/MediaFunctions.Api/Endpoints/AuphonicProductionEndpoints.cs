using System.Globalization;
using System.Text.Json.Nodes;
using MediaFunctions.Api.Auphonic;
using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Errors;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.Productions;
using MediaFunctions.Core.Productions.Records;
using MediaFunctions.Core.Productions.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MediaFunctions.Api.Endpoints;

/// <summary>
/// The Auphonic API's productions (seed 004): same paths, fields and envelope. A production is saved with its preset's
/// values under its own and a status (Incomplete without an input, Production Not Started Yet with one); <c>"action":
/// "start"</c> starts it (<see cref="ProductionRuns"/>). Each key sees only its own productions; another key's production
/// id is a 404 like an unknown one. Validation is <see cref="ProductionFields"/>' and, for a start, <see cref="ProductionRunPlanner"/>'s.
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
    public static async Task<Ok<AuphonicResponse>> ListProductionsAsync(HttpContext context, AuphonicProductionServices services, CancellationToken cancellationToken)
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

        var page = (await services.Productions.ListAsync(context.GetApiKey().Id, cancellationToken)).Skip(offset).Take(Math.Min(limit, MaxLimit));
        var apiBaseUrl = FileLinks.ApiBaseUrl(context.Request);
        JsonArray data = uuidsOnly ? [.. page.Select(production => (JsonNode)production.Uuid)]
            : minimal ? [.. page.Select(AuphonicProductionData.Minimal)]
            : [.. page.Select(production => AuphonicProductionData.From(production, apiBaseUrl))];
        return TypedResults.Ok(AuphonicResponse.Ok(data));
    }

    /// <summary>
    /// POST <c>/api/productions.json</c>: 200 with the new production, made of its <c>preset</c>'s values (one of the key's
    /// presets) with its own fields over them, and started when its <c>action</c> is <c>start</c>; 400 naming each bad
    /// field in <c>form_errors</c>, and then nothing is saved.
    /// </summary>
    public static async Task<Ok<AuphonicResponse>> CreateProductionAsync(HttpContext context, AuphonicProductionServices services, CancellationToken cancellationToken)
    {
        var production = await CreateAsync(services, context.GetApiKey().Id, await JsonRequestBody.ReadObjectAsync(context.Request, Example, cancellationToken), null, null, cancellationToken);
        return TypedResults.Ok(AuphonicResponse.Ok(AuphonicProductionData.From(production, FileLinks.ApiBaseUrl(context.Request))));
    }

    /// <summary>
    /// Creates a production from a JSON body (the JSON API's, or the Simple API's form made into one) and starts it when
    /// its <c>action</c> is <c>start</c>. A production that is to start is checked as a start checks it before it is saved.
    /// </summary>
    /// <param name="state">Its files, when they were stored before it (the Simple API's uploads).</param>
    /// <param name="uuid">The id its files were stored under; a new one when null.</param>
    /// <exception cref="ProductionSettingsException">A field is bad, or it is to start and cannot.</exception>
    internal static async Task<Production> CreateAsync(AuphonicProductionServices services, string keyId, JsonObject body, ProductionState? state, string? uuid,
        CancellationToken cancellationToken)
    {
        var (presetUuid, action, _, own) = ProductionFields.ReadProduction(body, creating: true);
        JsonObject? presetFields = null;
        if (presetUuid is not null)
        {
            presetFields = (await services.Presets.GetAsync(keyId, presetUuid, cancellationToken))?.Fields
                ?? throw new ProductionSettingsException([new(ProductionFields.Preset, $"No preset with uuid '{presetUuid}' exists for this API key.")]);
        }

        var fields = ProductionFields.ApplyPreset(presetFields, own);
        state ??= new ProductionState();
        if (state.Upload(ProductionFields.InputFile) is { } upload)
        {
            fields[ProductionFields.InputFile] = upload.FileName;
            fields.Remove(ProductionFields.Service);
        }

        if (action == ProductionFields.StartAction)
        {
            var now = services.Clock.GetUtcNow();
            await services.Runs.CheckAsync(new Production(uuid ?? AuphonicUuid.New(), keyId, presetUuid, ProductionStatus.NotStarted, now, now, fields, state),
                cancellationToken);
        }

        var production = await services.Productions.CreateAsync(keyId, presetUuid, ProductionStatus.ForSaved(fields), fields, cancellationToken, state, uuid);
        return action == ProductionFields.StartAction ? await services.Runs.StartAsync(keyId, production.Uuid, cancellationToken) ?? production : production;
    }

    /// <summary>
    /// GET <c>/api/production/{uuid}.json</c>: 200 with the production (and its <c>transcript</c> when its last run recognised
    /// speech), 404 when the key has none by that id.
    /// </summary>
    public static async Task<Ok<AuphonicResponse>> GetProductionAsync(string uuid, HttpContext context, AuphonicProductionServices services,
        CancellationToken cancellationToken)
    {
        var production = await services.Productions.GetAsync(context.GetApiKey().Id, uuid, cancellationToken) ?? throw NotFound(uuid);
        return TypedResults.Ok(await ViewAsync(production, context.Request, services, cancellationToken));
    }

    /// <summary>The production as its GET answers it (with its transcript when it has one); its event stream sends the same.</summary>
    internal static async Task<AuphonicResponse> ViewAsync(Production production, HttpRequest request, AuphonicProductionServices services,
        CancellationToken cancellationToken)
    {
        var data = AuphonicProductionData.From(production, FileLinks.ApiBaseUrl(request));
        if (production.State.TranscriptBlob is { } transcript)
        {
            data["transcript"] = await services.Transcripts.ReadAsync(transcript, cancellationToken);
        }

        return AuphonicResponse.Ok(data);
    }

    /// <summary>GET <c>/api/production/{uuid}/status.json</c>: 200 with its uuid, status and status_string; 404 as above.</summary>
    public static async Task<Ok<AuphonicResponse>> GetStatusAsync(string uuid, HttpContext context, AuphonicProductionServices services, CancellationToken cancellationToken)
    {
        var production = await services.Productions.GetAsync(context.GetApiKey().Id, uuid, cancellationToken) ?? throw NotFound(uuid);
        return TypedResults.Ok(AuphonicResponse.Ok(AuphonicProductionData.Status(production)));
    }

    /// <summary>
    /// POST <c>/api/production/{uuid}.json</c>: a partial update (objects merged key by key, other fields replaced,
    /// <c>reset_data</c> clears all but the input first, and the last run's results with it); 200 with the production as
    /// stored, started when the <c>action</c> is <c>start</c>. Its preset stays the one it was made from: another <c>preset</c>
    /// is a 400, and so is a change while it runs.
    /// </summary>
    public static async Task<Ok<AuphonicResponse>> UpdateProductionAsync(string uuid, HttpContext context, AuphonicProductionServices services,
        CancellationToken cancellationToken)
    {
        var keyId = context.GetApiKey().Id;
        var (presetUuid, action, reset, change) = ProductionFields.ReadProduction(await JsonRequestBody.ReadObjectAsync(context.Request, Example, cancellationToken), creating: false);
        Production Apply(Production stored)
        {
            ProductionRuns.ThrowIfRunning(stored);
            if (presetUuid is not null && presetUuid != stored.PresetUuid)
            {
                throw new ProductionSettingsException([new(ProductionFields.Preset,
                    "A production's preset is applied when it is created; create a new production to use another preset.")]);
            }

            var fields = ProductionFields.UpdateProduction(stored.Fields, change, reset);
            var state = reset ? stored.State.WithoutResults() : stored.State;
            // A reset production, or one without results, is saved again; one with results keeps its Done or Error.
            var status = reset || stored.Status is ProductionStatus.Incomplete or ProductionStatus.NotStarted ? ProductionStatus.ForSaved(fields) : stored.Status;
            return stored with { Status = status, Fields = fields, State = state };
        }

        var current = await services.Productions.GetAsync(keyId, uuid, cancellationToken) ?? throw NotFound(uuid);
        if (action == ProductionFields.StartAction)
        {
            await services.Runs.CheckAsync(Apply(current), cancellationToken);
        }

        var production = await services.Productions.UpdateAsync(keyId, uuid, Apply, cancellationToken) ?? throw NotFound(uuid);
        if (reset)
        {
            await services.Runs.ClearResultsAsync(keyId, uuid, cancellationToken);
        }

        if (action == ProductionFields.StartAction)
        {
            production = await services.Runs.StartAsync(keyId, uuid, cancellationToken) ?? throw NotFound(uuid);
        }

        return TypedResults.Ok(AuphonicResponse.Ok(AuphonicProductionData.From(production, FileLinks.ApiBaseUrl(context.Request))));
    }

    /// <summary>
    /// DELETE <c>/api/production/{uuid}.json</c>: 200 with null <c>data</c> once its run is stopped and its files and record
    /// are gone; 404 when the key has none by that id.
    /// </summary>
    public static async Task<Ok<AuphonicResponse>> DeleteProductionAsync(string uuid, HttpContext context, AuphonicProductionServices services,
        CancellationToken cancellationToken) =>
        await services.Runs.DeleteAsync(context.GetApiKey().Id, uuid, cancellationToken)
            ? TypedResults.Ok(AuphonicResponse.Ok(null))
            : throw NotFound(uuid);

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

    internal static ApiException NotFound(string uuid) => ApiException.NotFound($"No production with uuid '{uuid}' exists for this API key.");
}
