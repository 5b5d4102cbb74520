using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Errors;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Api.VideoDownload;
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
/// The key comes as <c>X-API-Key</c> or any other accepted form.
/// </summary>
public static class VideoDownloadEndpoints
{
    public const string Route = "/jobs";

    /// <summary>Maps the dialect's routes behind the API-key policy.</summary>
    public static IEndpointRouteBuilder MapVideoDownloadEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Route).WithTags("Video download").RequireAuthorization(ApiKeyAuthenticationDefaults.Policy).ExcludeFromDescription();
        group.MapPost("", CreateJobAsync);
        group.MapGet("{job_id}", GetJobAsync);
        return routes;
    }

    /// <summary>POST <c>/jobs</c>: 202 with the job's id.</summary>
    public static async Task<Accepted<DownloadJobCreatedResponse>> CreateJobAsync(HttpContext context, MediaJobs jobs, CancellationToken cancellationToken)
    {
        var body = await JsonRequestBody.ReadAsync<DownloadJobBody>(context.Request, "{\"url\":\"https://…\"}", cancellationToken);
        var job = await DownloadSubmission.StartAsync(body, context, jobs, cancellationToken);
        var statusUrl = $"{FileLinks.ApiBaseUrl(context.Request).AbsoluteUri.TrimEnd('/')}{Route}/{Uri.EscapeDataString(job.Id)}";
        return TypedResults.Accepted(statusUrl, new DownloadJobCreatedResponse(job.Id, job.State.ToWire(), statusUrl));
    }

    /// <summary>GET <c>/jobs/{job_id}</c>.</summary>
    public static async Task<Results<Ok<DownloadJobStatusResponse>, JsonHttpResult<ApiErrorResponse>>> GetJobAsync(
        [FromRoute(Name = "job_id")] string jobId, HttpContext context, MediaJobs jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(context.GetApiKey().Id, jobId, cancellationToken);
        return job is null
            ? ApiErrorResponse.NotFound($"No job with id '{jobId}' exists for this API key.")
            : TypedResults.Ok(DownloadJobStatusResponse.From(job, context.Request));
    }
}
