using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Errors;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Api.Uploads;
using MediaFunctions.Core.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MediaFunctions.Api.Endpoints;

/// <summary>
/// Upload sessions under <see cref="Route"/>: large files go straight from the client to storage in blocks (resumable),
/// through a write-only link to one blob; the service only issues the link, lists what arrived and checks the result.
/// A job then names the upload as its source. Another key's upload is 404.
/// </summary>
public static class UploadEndpoints
{
    public const string Route = "/api/uploads";

    private const string Example = "{\"size\":123456789,\"name\":\"talk.mp4\",\"content_type\":\"video/mp4\"}";

    /// <summary>Maps the upload routes behind the API-key policy.</summary>
    public static IEndpointRouteBuilder MapUploadEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Route).WithTags("Uploads").RequireAuthorization(ApiKeyAuthenticationDefaults.Policy);
        group.MapPost("", CreateUploadAsync)
            .WithSummary("Starts an upload session: a write-only link to one blob, to PUT the file to in blocks of block_size bytes.")
            .WithDescription("Block i (0-based) goes to PUT {upload_url}&comp=block&blockid={base64 of i as 6 digits, e.g. MDAwMDAw for 000000}. "
                + "Blocks may come in any order and be sent again. Then POST /api/uploads/{id}/complete.")
            .Accepts<CreateUploadBody>("application/json")
            .Produces<UploadResponse>(StatusCodes.Status201Created)
            .Produces<ApiErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ApiErrorResponse>(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("{uploadId}", GetUploadAsync)
            .WithSummary("Gets an upload session with staged_blocks: the blocks already in storage, for resuming.")
            .Produces<UploadResponse>()
            .Produces<ApiErrorResponse>(StatusCodes.Status404NotFound);
        group.MapPost("{uploadId}/complete", CompleteUploadAsync)
            .WithSummary("Completes an upload: checks every block is there with the right size, commits them and probes the file.")
            .Produces<UploadResponse>()
            .Produces<ApiErrorResponse>(StatusCodes.Status404NotFound)
            .Produces<ApiErrorResponse>(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    /// <summary>POST <c>/api/uploads</c>: 201 with the session and its write link.</summary>
    public static async Task<Created<UploadResponse>> CreateUploadAsync(HttpContext context, UploadSessions uploads, CancellationToken cancellationToken)
    {
        var body = await JsonRequestBody.ReadAsync<CreateUploadBody>(context.Request, Example, cancellationToken);
        var (session, uploadUrl) = await uploads.CreateAsync(context.GetApiKey().Id, body.Size, body.Name, body.ContentType, cancellationToken);
        return TypedResults.Created(Location(context.Request, session.Id), UploadResponse.From(session, uploadUrl));
    }

    /// <summary>GET <c>/api/uploads/{id}</c>: the session with its staged blocks.</summary>
    public static async Task<Results<Ok<UploadResponse>, JsonHttpResult<ApiErrorResponse>>> GetUploadAsync(
        string uploadId, HttpContext context, UploadSessions uploads, CancellationToken cancellationToken)
    {
        if (await uploads.GetAsync(context.GetApiKey().Id, uploadId, cancellationToken) is not { } session)
        {
            return NotFound(uploadId);
        }

        return TypedResults.Ok(UploadResponse.From(session, await uploads.UploadUrlAsync(session, cancellationToken),
            await uploads.StagedBlocksAsync(session, cancellationToken)));
    }

    /// <summary>POST <c>/api/uploads/{id}/complete</c>: 200 with the session ready and what the file is; 422 naming what is wrong.</summary>
    public static async Task<Results<Ok<UploadResponse>, JsonHttpResult<ApiErrorResponse>>> CompleteUploadAsync(
        string uploadId, HttpContext context, UploadSessions uploads, CancellationToken cancellationToken)
    {
        if (await uploads.CompleteAsync(context.GetApiKey().Id, uploadId, cancellationToken) is not { } session)
        {
            return NotFound(uploadId);
        }

        return TypedResults.Ok(UploadResponse.From(session, await uploads.UploadUrlAsync(session, cancellationToken)));
    }

    private static string Location(HttpRequest request, string uploadId) =>
        $"{FileLinks.ApiBaseUrl(request).AbsoluteUri.TrimEnd('/')}{Route}/{Uri.EscapeDataString(uploadId)}";

    private static JsonHttpResult<ApiErrorResponse> NotFound(string uploadId) =>
        ApiErrorResponse.NotFound($"No upload with id '{uploadId}' exists for this API key (or it has expired).");
}
