using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Errors;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Api.VideoDownload;
using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace MediaFunctions.Api.Endpoints;

/// <summary>
/// The video-download API (seed 002), same paths and fields: <c>POST /jobs</c> downloads a URL (media, an
/// HLS/DASH stream, or a video site's page) with the document's options; <c>GET /jobs/{job_id}</c> follows it.
/// A playlist, show (podcast feed) or M3U list URL becomes a batch, followed at <c>GET /batch/{batch_id}</c>,
/// renamed while paused at <c>PATCH /batch/{batch_id}/jobs</c> and started at <c>POST /batch/{batch_id}/start</c>.
/// The key comes as <c>X-API-Key</c> or any other accepted form.
/// </summary>
public static class VideoDownloadEndpoints
{
    public const string Route = "/jobs";

    public const string BatchRoute = "/batch";

    /// <summary>Maps the dialect's routes behind the API-key policy.</summary>
    public static IEndpointRouteBuilder MapVideoDownloadEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Route).WithTags("Video download").RequireAuthorization(ApiKeyAuthenticationDefaults.Policy).ExcludeFromDescription();
        group.MapPost("", CreateJobAsync);
        group.MapGet("{job_id}", GetJobAsync);
        var batches = routes.MapGroup(BatchRoute).WithTags("Video download").RequireAuthorization(ApiKeyAuthenticationDefaults.Policy).ExcludeFromDescription();
        batches.MapGet("{batch_id}", GetBatchAsync);
        batches.MapPatch("{batch_id}/jobs", RenameBatchJobsAsync);
        batches.MapPost("{batch_id}/start", StartBatchAsync);
        return routes;
    }

    /// <summary>POST <c>/jobs</c>: 202 with the job's id, or with the batch's when the URL is a playlist, show or list.</summary>
    public static async Task<Results<Accepted<DownloadJobCreatedResponse>, Accepted<DownloadBatchCreatedResponse>>> CreateJobAsync(
        HttpContext context, JobAcceptance jobs, MediaBatches batches, CancellationToken cancellationToken)
    {
        var body = await JsonRequestBody.ReadAsync<DownloadJobBody>(context.Request, "{\"url\":\"https://…\"}", cancellationToken);
        if (await DownloadBatchSubmission.CreateAsync(body, context, batches, cancellationToken) is { } batch)
        {
            var batchUrl = BatchUrl(context.Request, batch.Id);
            return TypedResults.Accepted(batchUrl, DownloadBatchCreatedResponse.From(batch, batchUrl));
        }

        var job = await DownloadSubmission.StartAsync(body, context, jobs, cancellationToken);
        var statusUrl = $"{FileLinks.ApiBaseUrl(context.Request).AbsoluteUri.TrimEnd('/')}{Route}/{Uri.EscapeDataString(job.Id)}";
        return TypedResults.Accepted(statusUrl, new DownloadJobCreatedResponse(job.Id, job.State.ToWire(), statusUrl));
    }

    /// <summary>GET <c>/jobs/{job_id}</c>.</summary>
    public static async Task<Results<Ok<DownloadJobStatusResponse>, JsonHttpResult<ApiErrorResponse>>> GetJobAsync(
        [FromRoute(Name = "job_id")] string jobId, HttpContext context, JobViews jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(context.GetApiKey().Id, jobId, cancellationToken);
        return job is null
            ? ApiErrorResponse.NotFound($"No job with id '{jobId}' exists for this API key.")
            : TypedResults.Ok(DownloadJobStatusResponse.From(job, context.Request));
    }

    /// <summary>GET <c>/batch/{batch_id}</c>: the batch, its counts and every job.</summary>
    public static async Task<Results<Ok<DownloadBatchResponse>, JsonHttpResult<ApiErrorResponse>>> GetBatchAsync(
        [FromRoute(Name = "batch_id")] string batchId, HttpContext context, MediaBatches batches, CancellationToken cancellationToken)
    {
        var batch = await batches.GetAsync(context.GetApiKey().Id, batchId, cancellationToken);
        return batch is null ? BatchNotFound(batchId) : TypedResults.Ok(DownloadBatchResponse.From(batch, context.Request));
    }

    /// <summary>
    /// PATCH <c>/batch/{batch_id}/jobs</c>: renames jobs of a paused batch, all or none (400 naming every problem);
    /// 409 once the batch has started.
    /// </summary>
    public static async Task<Results<Ok<BatchRenamesResponse>, JsonHttpResult<ApiErrorResponse>>> RenameBatchJobsAsync(
        [FromRoute(Name = "batch_id")] string batchId, HttpContext context, MediaBatches batches, CancellationToken cancellationToken)
    {
        var body = await JsonRequestBody.ReadAsync<BatchRenamesBody>(context.Request,
            "{\"renames\":[{\"job_id\":\"…\",\"filename\":\"Episode 1\"}]}", cancellationToken);
        var renames = (body.Renames ?? []).Select(rename => new BatchRename(rename?.JobId!, rename?.FileName!)).ToList();
        var batch = await batches.RenameAsync(context.GetApiKey().Id, batchId, renames, cancellationToken);
        return batch is null ? BatchNotFound(batchId) : TypedResults.Ok(new BatchRenamesResponse(renames.Count, []));
    }

    /// <summary>POST <c>/batch/{batch_id}/start</c>: starts a batch created paused; 409 when it was not, or was started already.</summary>
    public static async Task<Results<Ok<BatchStartedResponse>, JsonHttpResult<ApiErrorResponse>>> StartBatchAsync(
        [FromRoute(Name = "batch_id")] string batchId, HttpContext context, MediaBatches batches, CancellationToken cancellationToken)
    {
        var batch = await batches.StartAsync(context.GetApiKey().Id, batchId, cancellationToken);
        return batch is null
            ? BatchNotFound(batchId)
            : TypedResults.Ok(new BatchStartedResponse(batch.Id, batch.Items.Count(item => item.Item.JobId is not null), batch.State.ToWire()));
    }

    private static string BatchUrl(HttpRequest request, string batchId) =>
        $"{FileLinks.ApiBaseUrl(request).AbsoluteUri.TrimEnd('/')}{BatchRoute}/{Uri.EscapeDataString(batchId)}";

    private static JsonHttpResult<ApiErrorResponse> BatchNotFound(string batchId) =>
        ApiErrorResponse.NotFound($"No batch with id '{batchId}' exists for this API key.");
}
