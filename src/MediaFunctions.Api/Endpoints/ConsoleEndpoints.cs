using Azure.Storage.Blobs;
using MediaFunctions.Api.Console;
using MediaFunctions.Api.Errors;
using MediaFunctions.Core.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MediaFunctions.Api.Endpoints;

/// <summary>
/// The web console (<see cref="ConsoleFiles"/>): the page at <see cref="IndexRoute"/>, its scripts and styles under
/// <see cref="FileRoute"/>, and the one fact about the host it needs at <see cref="ConfigRoute"/>. The files need no key (the page asks
/// for one and calls the public API with it); they are revalidated by ETag on every load and run under a Content-Security-Policy that
/// allows only this origin's scripts and styles and the storage account's links (uploads are PUT there, results played from there).
/// </summary>
public static class ConsoleEndpoints
{
    public const string IndexRoute = "/";
    public const string FileRoute = "/console/{file}";
    public const string ConfigRoute = "/api/console/config";

    /// <summary>Maps the console's routes.</summary>
    public static IEndpointRouteBuilder MapConsoleEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(IndexRoute, (HttpContext context, BlobServiceClient blobs) => GetFile(ConsoleFiles.IndexName, context, blobs))
            .AllowAnonymous().ExcludeFromDescription();
        routes.MapGet(FileRoute, GetFile).AllowAnonymous().ExcludeFromDescription();
        routes.MapGet(ConfigRoute, (IOptions<JobOptions> options) => GetConfig(options.Value, hostBodyCap: null))
            .AllowAnonymous()
            .WithTags("Console")
            .WithSummary("Tells the web console the largest file this host takes in one multipart upload; larger files go through upload sessions.");
        return routes;
    }

    /// <summary>GET a console file: 200 with its bytes, 304 when the browser's copy is current, 404 for a name the console has not.</summary>
    public static Results<FileContentHttpResult, JsonHttpResult<ApiErrorResponse>> GetFile(string file, HttpContext context, BlobServiceClient blobs)
    {
        if (ConsoleFiles.Find(file) is not { } found)
        {
            return ApiErrorResponse.NotFound($"The console has no file '{file}'.");
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = ContentSecurityPolicy(blobs.Uri);
        // The file result answers If-None-Match itself (304 without a body).
        return TypedResults.Bytes(found.Content, found.ContentType, entityTag: EntityTagHeaderValue.Parse(found.ETag));
    }

    /// <summary>GET <see cref="ConfigRoute"/> on a host whose request bodies are capped at <paramref name="hostBodyCap"/> bytes (null: none below the service's cap).</summary>
    public static Ok<ConsoleConfigResponse> GetConfig(JobOptions options, long? hostBodyCap) =>
        TypedResults.Ok(ConsoleConfigResponse.From(options, hostBodyCap));

    /// <summary>
    /// Nothing but this origin's files, plus the blob endpoint for Put Block uploads (connect) and the result links the players load
    /// (media); no inline script or style, no framing, no forms posting elsewhere.
    /// </summary>
    internal static string ContentSecurityPolicy(Uri blobEndpoint)
    {
        var storage = blobEndpoint.GetLeftPart(UriPartial.Authority);
        return $"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: {storage}; media-src 'self' {storage}; "
            + $"connect-src 'self' {storage}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }
}
