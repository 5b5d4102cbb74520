using MediaFunctions.Api.Errors;
using MediaFunctions.Core.Links;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MediaFunctions.Api.Endpoints;

/// <summary>
/// <c>GET /api/files/{token}</c>: the stable link of a persistent output. No key needed (the signed
/// token is the credential, as a SAS is); each use redirects to a fresh short-lived SAS.
/// </summary>
public static class FileEndpoints
{
    public const string Route = "/api/files";

    /// <summary>Maps the file route, open to anonymous callers.</summary>
    public static IEndpointRouteBuilder MapFileEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Route + "/{token}", GetFileAsync)
            .AllowAnonymous()
            .WithTags("Files")
            .WithSummary("Downloads a persistent job output: 302 to a short-lived link to the file.")
            .WithDescription("The link comes from a persistent job's output 'url'. It needs no API key and never expires; it stops working when the job is deleted.");
        return routes;
    }

    /// <summary>302 to a fresh SAS, or 404 when the token is forged or its file is gone.</summary>
    public static async Task<Results<RedirectHttpResult, JsonHttpResult<ApiErrorResponse>>> GetFileAsync(
        string token, StableFileLinks links, HttpContext context, CancellationToken cancellationToken)
    {
        if (await links.ResolveAsync(token, cancellationToken) is not { } link)
        {
            return ApiErrorResponse.NotFound("There is no file at this link: it is not valid, or its job was deleted.");
        }

        // Each use must come back here for a fresh SAS, never reuse a cached redirect that will expire.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Redirect(link.AbsoluteUri);
    }
}
