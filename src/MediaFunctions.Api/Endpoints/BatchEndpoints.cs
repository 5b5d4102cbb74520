using System.Text.Json.Nodes;
using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Batches;
using MediaFunctions.Api.Errors;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Batches;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace MediaFunctions.Api.Endpoints;

/// <summary>
/// The native batches API under <see cref="Route"/>: start a batch of a playlist, podcast feed, M3U list or list of
/// URLs, read one, list the caller's batches newest first, start a paused batch, rename its jobs' files, cancel it.
/// Another key's batch is 404.
/// </summary>
public static class BatchEndpoints
{
    public const string Route = "/api/batches";

    /// <summary>The code of the 422 for a <c>url</c> that is one media item, not a collection.</summary>
    public const string NotABatchCode = "not_a_batch";

    private const string Example = "{\"kind\":\"download\",\"url\":\"https://…/feed.xml\"}";

    /// <summary>Maps the batch routes behind the API-key policy.</summary>
    public static IEndpointRouteBuilder MapBatchEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Route).WithTags("Batches").RequireAuthorization(ApiKeyAuthenticationDefaults.Policy);
        group.MapPost("", CreateBatchAsync)
            .WithSummary("Starts a batch: one job per item of a playlist, podcast feed or M3U list (url), or per URL of a list (urls).")
            .WithDescription("The body takes kind (download, the default, or extract-audio), exactly one of url and urls, the kind's job fields as "
                + "POST /api/jobs (download, without filename) or POST /api/jobs/extract-audio (output_format, start_time, duration, full_audio) take "
                + "them, and paused, concurrency, webhook_url (the batch's end), item_webhooks, persistent, storage. A URL of a list that is not "
                + "allowed becomes a failed item; the others run. Answers 202 with the batch id, its jobs' ids and status links.")
            .Accepts<BatchJobBody>("application/json")
            .Produces<BatchAcceptedResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ApiErrorResponse>(StatusCodes.Status415UnsupportedMediaType)
            .Produces<ApiErrorResponse>(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("", ListBatchesAsync)
            .WithSummary("Lists the caller's batches, newest first, one page at a time, each with its items.")
            .WithDescription($"Pass the '{InstanceEndpoints.ContinuationTokenHeader}' response header back as a request header for the next page.");
        group.MapGet("{batchId}", GetBatchAsync)
            .WithSummary("Gets a batch: its state, counts, progress and every item with its job.")
            .Produces<ApiErrorResponse>(StatusCodes.Status404NotFound);
        group.MapPost("{batchId}/start", StartBatchAsync)
            .WithSummary("Starts a batch created paused.")
            .Produces<CheckStatusResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiErrorResponse>(StatusCodes.Status404NotFound)
            .Produces<ApiErrorResponse>(StatusCodes.Status409Conflict);
        group.MapPatch("{batchId}/jobs", RenameBatchJobsAsync)
            .WithSummary("Renames the files of jobs of a paused batch: {\"renames\":[{\"job_id\":\"…\",\"filename\":\"…\"}]}.")
            .WithDescription("Every rename is checked first: one bad name, a job of another batch or a job named twice refuses them all (400).")
            .Accepts<BatchRenamesBody>("application/json")
            .Produces<BatchResponse>()
            .Produces<ApiErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ApiErrorResponse>(StatusCodes.Status404NotFound)
            .Produces<ApiErrorResponse>(StatusCodes.Status409Conflict);
        group.MapDelete("{batchId}", CancelBatchAsync)
            .WithSummary("Cancels a batch: jobs not yet ended are cancelled; ended ones keep their files.")
            .Produces<BatchResponse>()
            .Produces<ApiErrorResponse>(StatusCodes.Status404NotFound);
        return routes;
    }

    /// <summary>POST <c>/api/batches</c>: 202 with the check-status payload, the batch id and its jobs' ids.</summary>
    public static async Task<Accepted<BatchAcceptedResponse>> CreateBatchAsync(HttpContext context, MediaBatches batches, CancellationToken cancellationToken)
    {
        var json = await JsonRequestBody.ReadAsync<JsonObject>(context.Request, Example, cancellationToken);
        var serializerOptions = context.RequestServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        var (body, request) = BatchJobBody.Read(json, serializerOptions, FileLinks.ApiBaseUrl(context.Request));
        var keyId = context.GetApiKey().Id;
        var batch = body.Urls is { } urls
            ? await batches.CreateFromUrlsAsync(keyId, [.. urls.Select(url => url?.Trim() ?? "")], request, cancellationToken)
            : await batches.CreateFromSourceAsync(keyId, body.Url!.Trim(), request, cancellationToken)
                ?? throw new ApiException(StatusCodes.Status422UnprocessableEntity, NotABatchCode,
                    "url is one media item, not a playlist, feed or list: start it as a job at POST /api/jobs.");
        var links = CheckStatusResponse.Create(context.Request, batch.Id);
        return TypedResults.Accepted(BatchLocation(context.Request, batch.Id),
            new BatchAcceptedResponse(links, batch.Id, [.. batch.Items.Select(item => item.Item.JobId)]));
    }

    /// <summary>GET <c>/api/batches/{id}</c>.</summary>
    public static async Task<Results<Ok<BatchResponse>, JsonHttpResult<ApiErrorResponse>>> GetBatchAsync(
        string batchId, HttpContext context, MediaBatches batches, CancellationToken cancellationToken) =>
        Found(await batches.GetAsync(context.GetApiKey().Id, batchId, cancellationToken), batchId, context.Request);

    /// <summary>GET <c>/api/batches?pageSize=</c>: one page of the caller's batches, newest first.</summary>
    public static async Task<Results<Ok<IReadOnlyList<BatchResponse>>, JsonHttpResult<ApiErrorResponse>>> ListBatchesAsync(
        int? pageSize,
        [FromHeader(Name = InstanceEndpoints.ContinuationTokenHeader)] string? continuationToken,
        HttpContext context,
        MediaBatches batches,
        CancellationToken cancellationToken)
    {
        if (pageSize is < 1 or > JobEndpoints.MaxPageSize)
        {
            return ApiErrorResponse.BadRequest($"'pageSize' must be between 1 and {JobEndpoints.MaxPageSize}.");
        }

        var (page, next) = await batches.ListAsync(context.GetApiKey().Id, pageSize ?? JobEndpoints.DefaultPageSize,
            string.IsNullOrEmpty(continuationToken) ? null : continuationToken, cancellationToken);
        if (next is not null)
        {
            context.Response.Headers[InstanceEndpoints.ContinuationTokenHeader] = next;
        }

        return TypedResults.Ok<IReadOnlyList<BatchResponse>>([.. page.Select(batch => BatchResponse.From(batch, context.Request))]);
    }

    /// <summary>POST <c>/api/batches/{id}/start</c>: 202 with the check-status payload; 409 when the batch is not paused.</summary>
    public static async Task<Results<Accepted<CheckStatusResponse>, JsonHttpResult<ApiErrorResponse>>> StartBatchAsync(
        string batchId, HttpContext context, MediaBatches batches, CancellationToken cancellationToken)
    {
        if (await batches.StartAsync(context.GetApiKey().Id, batchId, cancellationToken) is null)
        {
            return NotFound(batchId);
        }

        return TypedResults.Accepted(BatchLocation(context.Request, batchId), CheckStatusResponse.Create(context.Request, batchId));
    }

    /// <summary>PATCH <c>/api/batches/{id}/jobs</c>: 200 with the batch as renamed.</summary>
    public static async Task<Results<Ok<BatchResponse>, JsonHttpResult<ApiErrorResponse>>> RenameBatchJobsAsync(
        string batchId, HttpContext context, MediaBatches batches, CancellationToken cancellationToken)
    {
        var body = await JsonRequestBody.ReadAsync<BatchRenamesBody>(context.Request, "{\"renames\":[{\"job_id\":\"…\",\"filename\":\"…\"}]}",
            cancellationToken);
        return Found(await batches.RenameAsync(context.GetApiKey().Id, batchId, body.ToRenames(), cancellationToken), batchId, context.Request);
    }

    /// <summary>DELETE <c>/api/batches/{id}</c>: 200 with the batch, now cancelled.</summary>
    public static async Task<Results<Ok<BatchResponse>, JsonHttpResult<ApiErrorResponse>>> CancelBatchAsync(
        string batchId, HttpContext context, MediaBatches batches, CancellationToken cancellationToken) =>
        Found(await batches.CancelAsync(context.GetApiKey().Id, batchId, cancellationToken), batchId, context.Request);

    private static Results<Ok<BatchResponse>, JsonHttpResult<ApiErrorResponse>> Found(BatchView? batch, string batchId, HttpRequest request) =>
        batch is null ? NotFound(batchId) : TypedResults.Ok(BatchResponse.From(batch, request));

    private static string BatchLocation(HttpRequest request, string batchId) =>
        $"{FileLinks.ApiBaseUrl(request).AbsoluteUri.TrimEnd('/')}{Route}/{Uri.EscapeDataString(batchId)}";

    private static JsonHttpResult<ApiErrorResponse> NotFound(string batchId) =>
        ApiErrorResponse.NotFound($"No batch with id '{batchId}' exists for this API key.");
}
