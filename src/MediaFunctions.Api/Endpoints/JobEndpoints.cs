using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Errors;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Api.OpenApi;
using MediaFunctions.Core.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Api.Endpoints;

/// <summary>
/// The native jobs API under <see cref="Route"/>: start an extract-audio job (upload or URL), read
/// one job, list the caller's jobs newest first, delete a job with its files. Another key's job is 404.
/// </summary>
public static class JobEndpoints
{
    public const string Route = "/api/jobs";
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Maps the job routes behind the API-key policy; uploads are capped at <c>Jobs:MaxUploadBytes</c>.</summary>
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Route).WithTags("Jobs").RequireAuthorization(ApiKeyAuthenticationDefaults.Policy);
        group.MapPost("extract-audio", CreateExtractAudioJobAsync)
            .WithMetadata(UploadLimit(routes))
            .AddOpenApiOperationTransformer(ExtractAudioRequestBody.TransformAsync)
            .WithSummary("Starts a job that extracts audio from a video (or any media with sound), in one or several formats.")
            .WithDescription("Send multipart/form-data with the file as 'video' and the fields start_time, duration, output_format (repeated or "
                + "comma-separated for several formats), full_audio and persistent; or application/json with source.url for media on the web. "
                + "Answers 202 with the job id and status links; the file is streamed into storage as it arrives.")
            .Produces<JobAcceptedResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ApiErrorResponse>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ApiErrorResponse>(StatusCodes.Status415UnsupportedMediaType);
        group.MapPost("", CreateJobAsync)
            .WithSummary("Starts a job described by JSON; kind \"download\" downloads a URL (media, an HLS/DASH stream or a video site's page).")
            .WithDescription("The body takes the video-download fields: url, format, video_codec, audio_codec, audio_bitrate, video_quality, quality, "
                + "max_resolution, clip_start, clip_end, filename, folder, webhook_url, progress_webhooks, audio_only, subtitles, thumbnail, live, "
                + "live_from_start, max_duration, wait_for_scheduled, persistent. Answers 202 with the job id and status links.")
            .Accepts<DownloadJobBody>("application/json")
            .Produces<JobAcceptedResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ApiErrorResponse>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ApiErrorResponse>(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("", ListJobsAsync)
            .WithSummary("Lists the caller's jobs, newest first, one page at a time.")
            .WithDescription($"Pass the '{InstanceEndpoints.ContinuationTokenHeader}' response header back as a request header for the next page.");
        group.MapGet("{jobId}", GetJobAsync)
            .WithSummary("Gets a job: its state, progress and, once completed, its files.")
            .Produces<ApiErrorResponse>(StatusCodes.Status404NotFound);
        group.MapDelete("{jobId}", DeleteJobAsync)
            .WithSummary("Deletes a job: cancels it if it runs, deletes its files (links stop working) and forgets it.")
            .Produces<ApiErrorResponse>(StatusCodes.Status404NotFound);
        return routes;
    }

    /// <summary>The body limit of upload routes: the upload cap plus room for the form around the file.</summary>
    internal static RequestBodyLimit UploadLimit(IEndpointRouteBuilder routes) =>
        new(MaxUploadRequestBytes(routes.ServiceProvider.GetRequiredService<IOptions<JobOptions>>().Value));

    /// <summary>The largest request body an upload route accepts: the upload cap plus room for the form around the file.</summary>
    public static long MaxUploadRequestBytes(JobOptions options) => options.MaxUploadBytes + ExtractAudioSubmission.MaxFormOverheadBytes;

    /// <summary>POST <c>/api/jobs/extract-audio</c>: 202 with the check-status payload and the job id.</summary>
    public static async Task<Accepted<JobAcceptedResponse>> CreateExtractAudioJobAsync(
        string? persistent, HttpContext context, [AsParameters] JobServices services, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var keyId = context.GetApiKey().Id;
        JobView job;
        if (request.HasJsonContentType())
        {
            job = await ExtractAudioSubmission.StartFromJsonAsync(request, keyId, services.Acceptance, cancellationToken);
        }
        else if (MultipartUploadReader.IsMultipartForm(request.ContentType))
        {
            job = await ExtractAudioSubmission.StartFromFormAsync(request, keyId, services.Acceptance, services.Files, allowSeveralFormats: true, persistent,
                cancellationToken);
        }
        else
        {
            throw ApiException.UnsupportedMediaType(
                $"Content type '{request.ContentType}' is not supported here; send multipart/form-data with the file, or application/json with source.url.");
        }

        var links = CheckStatusResponse.Create(request, job.Id);
        return TypedResults.Accepted(JobLocation(request, job.Id), new JobAcceptedResponse(links, job.Id));
    }

    /// <summary>POST <c>/api/jobs</c> with a JSON body naming its <c>kind</c>: 202 with the check-status payload and the job id.</summary>
    public static async Task<Accepted<JobAcceptedResponse>> CreateJobAsync(HttpContext context, JobAcceptance jobs, CancellationToken cancellationToken)
    {
        var body = await JsonRequestBody.ReadAsync<DownloadJobBody>(context.Request, "{\"kind\":\"download\",\"url\":\"https://…\"}", cancellationToken);
        if (body.Kind != JobKind.Download)
        {
            throw InvalidJobInputException.InvalidFields([new("kind", body.Kind is null
                ? $"kind is required: \"{JobKind.Download}\" here; extract-audio jobs start at POST {Route}/extract-audio."
                : $"kind must be \"{JobKind.Download}\" here, not \"{body.Kind}\"; extract-audio jobs start at POST {Route}/extract-audio.")]);
        }

        var job = await DownloadSubmission.StartAsync(body, context, jobs, cancellationToken);
        return TypedResults.Accepted(JobLocation(context.Request, job.Id), new JobAcceptedResponse(CheckStatusResponse.Create(context.Request, job.Id), job.Id));
    }

    /// <summary>GET <c>/api/jobs/{id}</c>.</summary>
    public static async Task<Results<Ok<JobResponse>, JsonHttpResult<ApiErrorResponse>>> GetJobAsync(
        string jobId, HttpContext context, [AsParameters] JobServices services, CancellationToken cancellationToken)
    {
        var job = await services.Views.GetAsync(context.GetApiKey().Id, jobId, cancellationToken);
        return job is null ? NotFound(jobId) : TypedResults.Ok(JobResponse.From(job, context.Request));
    }

    /// <summary>GET <c>/api/jobs?pageSize=</c>: one page of the caller's jobs, newest first.</summary>
    public static async Task<Results<Ok<IReadOnlyList<JobResponse>>, JsonHttpResult<ApiErrorResponse>>> ListJobsAsync(
        int? pageSize,
        [FromHeader(Name = InstanceEndpoints.ContinuationTokenHeader)] string? continuationToken,
        HttpContext context,
        [AsParameters] JobServices services,
        CancellationToken cancellationToken)
    {
        if (pageSize is < 1 or > MaxPageSize)
        {
            return ApiErrorResponse.BadRequest($"'pageSize' must be between 1 and {MaxPageSize}.");
        }

        var (jobs, next) = await services.Views.ListAsync(context.GetApiKey().Id, pageSize ?? DefaultPageSize,
            string.IsNullOrEmpty(continuationToken) ? null : continuationToken, cancellationToken);
        if (next is not null)
        {
            context.Response.Headers[InstanceEndpoints.ContinuationTokenHeader] = next;
        }

        return TypedResults.Ok<IReadOnlyList<JobResponse>>([.. jobs.Select(job => JobResponse.From(job, context.Request))]);
    }

    /// <summary>DELETE <c>/api/jobs/{id}</c>: 204, or 404.</summary>
    public static async Task<Results<NoContent, JsonHttpResult<ApiErrorResponse>>> DeleteJobAsync(
        string jobId, HttpContext context, [AsParameters] JobServices services, CancellationToken cancellationToken) =>
        await services.Deleter.DeleteAsync(context.GetApiKey().Id, jobId, cancellationToken) ? TypedResults.NoContent() : NotFound(jobId);

    private static string JobLocation(HttpRequest request, string jobId) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{Route}/{Uri.EscapeDataString(jobId)}";

    private static JsonHttpResult<ApiErrorResponse> NotFound(string jobId) =>
        ApiErrorResponse.NotFound($"No job with id '{jobId}' exists for this API key.");
}
