using System.Text.Json.Nodes;
using MediaFunctions.Api.Auphonic;
using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Errors;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.Productions;
using MediaFunctions.Core.Productions.Inputs;
using MediaFunctions.Core.Productions.Records;
using MediaFunctions.Core.Productions.Runs;
using MediaFunctions.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Api.Endpoints;

/// <summary>
/// What is done to an Auphonic production beyond its fields (seed 004): files uploaded to it, its start and stop, and its
/// results' downloads.
/// </summary>
public static class AuphonicProductionRunEndpoints
{
    public const string UploadRoute = "/api/production/{uuid}/upload.json";
    public const string StartRoute = "/api/production/{uuid}/start.json";
    public const string StopRoute = "/api/production/{uuid}/stop.json";
    public const string DownloadRoute = "/api/download/audio-result/{uuid}/{filename}";

    /// <summary>How long the storage link a download redirects to lasts.</summary>
    public static readonly TimeSpan DownloadLinkLifetime = TimeSpan.FromMinutes(15);

    /// <summary>Maps the routes behind the API-key policy; uploads may be as large as the job upload cap.</summary>
    public static IEndpointRouteBuilder MapAuphonicProductionRunEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Auphonic").RequireAuthorization(ApiKeyAuthenticationDefaults.Policy).ExcludeFromDescription();
        group.MapPost(UploadRoute, UploadAsync).WithMetadata(UploadLimit(routes));
        group.MapPost(StartRoute, StartAsync);
        group.MapPost(StopRoute, StopAsync);
        group.MapGet(DownloadRoute, DownloadAsync);
        return routes;
    }

    /// <summary>The largest body an upload route takes: the upload cap for each of a few files, plus the form around them.</summary>
    public static long MaxUploadRequestBytes(JobOptions options) => options.MaxUploadBytes + ExtractAudioSubmission.MaxFormOverheadBytes;

    /// <summary>
    /// POST <c>/api/production/{uuid}/upload.json</c>: multipart, the main file as <c>input_file</c>, a multitrack
    /// production's tracks each under its track id, and <c>image</c>; 200 with the production. A file that is empty or not
    /// audio (a picture, for <c>image</c>) is a 400 naming its field, and none of the request's files is kept.
    /// </summary>
    public static async Task<Ok<AuphonicResponse>> UploadAsync(string uuid, HttpContext context, AuphonicProductionServices services, CancellationToken cancellationToken)
    {
        var keyId = context.GetApiKey().Id;
        var production = await services.Productions.GetAsync(keyId, uuid, cancellationToken) ?? throw AuphonicProductionEndpoints.NotFound(uuid);
        ProductionRuns.ThrowIfRunning(production);
        var fileFields = FileFields(production.Fields);
        var uploads = new List<ProductionUpload>();
        try
        {
            var fields = await AuphonicForm.ReadAsync(context.Request, async (field, fileName, content, token) =>
            {
                if (!fileFields.Contains(field))
                {
                    throw new ProductionSettingsException([new(field, $"'{field}' is not a file this production takes; send {string.Join(", ", fileFields)}.")]);
                }

                uploads.Add(await services.Uploads.StageAsync(keyId, uuid, field, fileName, content, token));
            }, cancellationToken);
            if (fields.Keys.FirstOrDefault() is { } text)
            {
                throw new ProductionSettingsException([new(text, $"upload.json takes files only; '{text}' came as text. Send each with curl -F \"{text}=@path\".")]);
            }

            if (uploads.Count == 0)
            {
                throw new ProductionSettingsException([new(ProductionFields.InputFile, "The form has no file; send it as input_file (curl -F \"input_file=@path\").")]);
            }
        }
        catch
        {
            await DeleteAsync(services, uploads);
            throw;
        }

        var replaced = new List<ProductionUpload>();
        Production? updated;
        try
        {
            updated = await services.Productions.UpdateAsync(keyId, uuid, stored => Attach(stored, uploads, replaced), cancellationToken);
        }
        catch
        {
            await DeleteAsync(services, uploads);
            throw;
        }

        if (updated is null)
        {
            await DeleteAsync(services, uploads);
            throw AuphonicProductionEndpoints.NotFound(uuid);
        }

        await DeleteAsync(services, replaced);
        return TypedResults.Ok(AuphonicResponse.Ok(AuphonicProductionData.From(updated, FileLinks.ApiBaseUrl(context.Request))));
    }

    /// <summary>The production with <paramref name="uploads"/> as its files; the files they replace are added to <paramref name="replaced"/>.</summary>
    internal static Production Attach(Production stored, IReadOnlyList<ProductionUpload> uploads, List<ProductionUpload> replaced)
    {
        ProductionRuns.ThrowIfRunning(stored);
        replaced.Clear();
        var fields = (JsonObject)stored.Fields.DeepClone();
        var state = stored.State;
        foreach (var upload in uploads)
        {
            if (state.Upload(upload.Field) is { } earlier)
            {
                replaced.Add(earlier);
            }

            state = state.WithUpload(upload);
            if (upload.Field == ProductionFields.InputFile)
            {
                // The uploaded file is the input now, in place of a URL or a service's file.
                fields[ProductionFields.InputFile] = upload.FileName;
                fields.Remove(ProductionFields.Service);
            }
        }

        var status = stored.Status is ProductionStatus.Incomplete or ProductionStatus.NotStarted ? ProductionStatus.ForSaved(fields) : stored.Status;
        return stored with { Fields = fields, State = state, Status = status };
    }

    /// <summary>POST <c>/api/production/{uuid}/start.json</c>: 200 with the production, now Waiting; 400 naming what keeps it from starting.</summary>
    public static async Task<Ok<AuphonicResponse>> StartAsync(string uuid, HttpContext context, AuphonicProductionServices services, CancellationToken cancellationToken)
    {
        var production = await services.Runs.StartAsync(context.GetApiKey().Id, uuid, cancellationToken) ?? throw AuphonicProductionEndpoints.NotFound(uuid);
        return TypedResults.Ok(AuphonicResponse.Ok(AuphonicProductionData.From(production, FileLinks.ApiBaseUrl(context.Request))));
    }

    /// <summary>
    /// POST <c>/api/production/{uuid}/stop.json</c>: 200 with the production; a running one is stopped (its ffmpeg too) and
    /// left saved with its input, one that is not running is left as it is.
    /// </summary>
    public static async Task<Ok<AuphonicResponse>> StopAsync(string uuid, HttpContext context, AuphonicProductionServices services, CancellationToken cancellationToken)
    {
        var production = await services.Runs.StopAsync(context.GetApiKey().Id, uuid, cancellationToken) ?? throw AuphonicProductionEndpoints.NotFound(uuid);
        return TypedResults.Ok(AuphonicResponse.Ok(AuphonicProductionData.From(production, FileLinks.ApiBaseUrl(context.Request))));
    }

    /// <summary>
    /// GET <c>/api/download/audio-result/{uuid}/{filename}</c>: 302 to a storage link of the result file, valid for
    /// <see cref="DownloadLinkLifetime"/>; 404 when the key's production has no result by that name.
    /// </summary>
    public static async Task<RedirectHttpResult> DownloadAsync(string uuid, string filename, HttpContext context, AuphonicProductionServices services,
        CancellationToken cancellationToken)
    {
        var production = await services.Productions.GetAsync(context.GetApiKey().Id, uuid, cancellationToken) ?? throw AuphonicProductionEndpoints.NotFound(uuid);
        var result = production.State.Results.FirstOrDefault(file => file.FileName == filename)
            ?? throw ApiException.NotFound($"Production '{uuid}' has no result file '{filename}'; its output_files list the files it has.");
        var link = await services.Links.IssueReadLinkAsync(MediaContainers.Outputs, result.BlobName, services.Clock.GetUtcNow() + DownloadLinkLifetime,
            result.FileName, cancellationToken);
        return TypedResults.Redirect(link.AbsoluteUri);
    }

    /// <summary>Deletes files a failed request staged: nothing half-written stays.</summary>
    internal static async Task DeleteAsync(AuphonicProductionServices services, IEnumerable<ProductionUpload> uploads)
    {
        foreach (var upload in uploads)
        {
            await services.Uploads.DeleteAsync(upload, CancellationToken.None);
        }
    }

    internal static RequestBodyLimit UploadLimit(IEndpointRouteBuilder routes) =>
        new(MaxUploadRequestBytes(routes.ServiceProvider.GetRequiredService<IOptions<JobOptions>>().Value));

    /// <summary>The file fields a production takes: <c>input_file</c>, <c>image</c>, and its multitrack ids.</summary>
    private static List<string> FileFields(JsonObject fields) =>
    [
        ProductionFields.InputFile,
        ProductionUploads.ImageField,
        .. (fields[ProductionFields.MultiInputFiles] as JsonArray ?? [])
            .Where(input => input?["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && (string?)input["type"] == "multitrack")
            .Select(input => input?["id"]?.ToString())
            .OfType<string>(),
    ];
}
