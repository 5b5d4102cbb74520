using System.Globalization;
using System.Text.Json.Nodes;
using MediaFunctions.Api.Auphonic;
using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.Media.Production.Chapters;
using MediaFunctions.Core.Productions;
using MediaFunctions.Core.Productions.Inputs;
using MediaFunctions.Core.Productions.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MediaFunctions.Api.Endpoints;

/// <summary>
/// Auphonic's Simple API (seed 004): one multipart form that creates a production from a preset, sets its metadata and
/// algorithms by their own names, uploads its input (or names it by URL, or by file name on a service), its cover image
/// and its chapters file, and saves or starts it.
/// </summary>
public static class AuphonicSimpleEndpoints
{
    public const string Route = "/api/simple/productions.json";

    /// <summary>The largest chapters file read, in bytes.</summary>
    public const int MaxChaptersFileBytes = 64 * 1024;

    private const string ChaptersField = "chapters";

    private static readonly HashSet<string> TopLevelFields = new(StringComparer.Ordinal)
    {
        ProductionFields.Preset, ProductionFields.Action, ProductionFields.Service, ProductionFields.InputFile, ProductionFields.Webhook,
        ProductionFields.OutputBasename, ProductionFields.Image,
    };

    /// <summary>Maps the route behind the API-key policy; its body may be as large as an upload.</summary>
    public static IEndpointRouteBuilder MapAuphonicSimpleEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Route, CreateAsync).WithTags("Auphonic").RequireAuthorization(ApiKeyAuthenticationDefaults.Policy).ExcludeFromDescription()
            .WithMetadata(AuphonicProductionRunEndpoints.UploadLimit(routes));
        return routes;
    }

    /// <summary>
    /// POST <c>/api/simple/productions.json</c>: 200 with the production, saved (<c>action=save</c>, the default) or started
    /// (<c>action=start</c>); 400 naming each bad field, and then nothing is kept: no production, no file.
    /// </summary>
    public static async Task<Ok<AuphonicResponse>> CreateAsync(HttpContext context, AuphonicProductionServices services, CancellationToken cancellationToken)
    {
        var keyId = context.GetApiKey().Id;
        var uuid = AuphonicUuid.New();
        var uploads = new List<ProductionUpload>();
        JsonArray? chapters = null;
        try
        {
            var fields = await AuphonicForm.ReadAsync(context.Request, async (field, fileName, content, token) =>
            {
                switch (field)
                {
                    case ProductionFields.InputFile or ProductionUploads.ImageField:
                        uploads.Add(await services.Uploads.StageAsync(keyId, uuid, field, fileName, content, token));
                        break;
                    case ChaptersField:
                        chapters = await ReadChaptersAsync(content, token);
                        break;
                    default:
                        throw new ProductionSettingsException([new(field, $"'{field}' is not a file field; files go in input_file, image and chapters.")]);
                }
            }, cancellationToken);
            var body = Body(fields, chapters, uploads);
            var state = new ProductionState { Uploads = uploads };
            var production = await AuphonicProductionEndpoints.CreateAsync(services, keyId, body, state, uuid, cancellationToken);
            return TypedResults.Ok(AuphonicResponse.Ok(AuphonicProductionData.From(production, FileLinks.ApiBaseUrl(context.Request))));
        }
        catch
        {
            await AuphonicProductionRunEndpoints.DeleteAsync(services, uploads);
            throw;
        }
    }

    /// <summary>The JSON API body the form stands for: metadata and algorithm fields go in their objects.</summary>
    private static JsonObject Body(IReadOnlyDictionary<string, string> fields, JsonArray? chapters, IReadOnlyList<ProductionUpload> uploads)
    {
        var body = new JsonObject();
        var metadata = new JsonObject();
        var algorithms = new JsonObject();
        var unknown = new List<Core.Validation.ValidationError>();
        foreach (var (name, value) in fields)
        {
            if (TopLevelFields.Contains(name))
            {
                body[name] = value;
            }
            else if (ProductionFields.MetadataFields.Contains(name))
            {
                metadata[name] = value;
            }
            else if (AlgorithmFields.Names.Contains(name))
            {
                algorithms[name] = AlgorithmFields.FromFormText(name, value);
            }
            else
            {
                unknown.Add(new(name, $"'{name}' is not a field of the Simple API; it takes preset, action, service, input_file, image, chapters, webhook, "
                    + "output_basename, the metadata fields and the algorithm fields."));
            }
        }

        if (unknown.Count > 0)
        {
            throw new ProductionSettingsException(unknown);
        }

        if (uploads.Any(upload => upload.Field == ProductionFields.InputFile) && body.ContainsKey(ProductionFields.InputFile))
        {
            throw new ProductionSettingsException([new(ProductionFields.InputFile, "input_file came twice, as a file and as text; send one.")]);
        }

        if (uploads.Any(upload => upload.Field == ProductionUploads.ImageField))
        {
            body.Remove(ProductionFields.Image);
        }

        body[ProductionFields.Metadata] = metadata;
        if (algorithms.Count > 0)
        {
            body[ProductionFields.Algorithms] = algorithms;
        }

        if (chapters is not null)
        {
            body[ProductionFields.Chapters] = chapters;
        }

        return body;
    }

    private static async Task<JsonArray> ReadChaptersAsync(Stream content, CancellationToken cancellationToken)
    {
        var text = await MultipartUploadReader.ReadFieldAsync(ChaptersField, content, cancellationToken, MaxChaptersFileBytes);
        try
        {
            return [.. ChaptersFile.Parse(text).Select(chapter => (JsonNode)new JsonObject
            {
                ["start"] = chapter.Start.ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture),
                ["title"] = chapter.Title,
                ["url"] = chapter.Url?.AbsoluteUri,
                ["image"] = chapter.Image?.AbsoluteUri,
            })];
        }
        catch (ChaptersFormatException bad)
        {
            throw new ProductionSettingsException([new(ChaptersField, bad.Message)]);
        }
    }
}
