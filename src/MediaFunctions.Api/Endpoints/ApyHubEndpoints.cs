using MediaFunctions.Api.ApyHub;
using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Errors;
using MediaFunctions.Api.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MediaFunctions.Api.Endpoints;

/// <summary>
/// ApyHub's Extract Audio from Video job API, same paths, fields, defaults and status codes, so an
/// ApyHub client switches by changing its base URL. Translates to the native jobs; holds no rules.
/// </summary>
public static class ApyHubEndpoints
{
    public const string SubmitRoute = "/job/extract/video/audio/file";
    public const string StatusRoute = "/job/status";

    /// <summary>Maps the two ApyHub routes behind the API-key policy (apy-token, basic auth and the other key forms).</summary>
    public static IEndpointRouteBuilder MapApyHubEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("ApyHub").RequireAuthorization(ApiKeyAuthenticationDefaults.Policy).ExcludeFromDescription();
        group.MapPost(SubmitRoute, SubmitExtractAudioJobAsync).WithMetadata(JobEndpoints.UploadLimit(routes));
        group.MapGet(StatusRoute + "/{job_id}", GetJobStatusAsync);
        return routes;
    }

    /// <summary>POST <c>/job/extract/video/audio/file[?persistent=true]</c>: 200 <c>{"job_id":"…"}</c>.</summary>
    public static async Task<Ok<ApyHubJobResponse>> SubmitExtractAudioJobAsync(
        string? persistent, HttpContext context, [AsParameters] JobServices services, CancellationToken cancellationToken)
    {
        var job = await ExtractAudioSubmission.StartFromFormAsync(context.Request, context.GetApiKey().Id, services.Acceptance, services.Files,
            allowSeveralFormats: false, persistent, cancellationToken);
        return TypedResults.Ok(new ApyHubJobResponse(job.Id));
    }

    /// <summary>GET <c>/job/status/{job_id}</c>.</summary>
    public static async Task<Results<Ok<ApyHubJobStatusResponse>, JsonHttpResult<ApiErrorResponse>>> GetJobStatusAsync(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "job_id")] string jobId, HttpContext context, [AsParameters] JobServices services,
        CancellationToken cancellationToken)
    {
        var job = await services.Views.GetAsync(context.GetApiKey().Id, jobId, cancellationToken);
        return job is null
            ? ApiErrorResponse.NotFound($"No job with id '{jobId}' exists for this API key.")
            : TypedResults.Ok(ApyHubJobStatusResponse.From(job, context.Request));
    }
}
