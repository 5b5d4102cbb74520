using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Core.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MediaFunctions.Functions.Http;

/// <summary>The video-download dialect (<see cref="VideoDownloadEndpoints"/>), one function per route.</summary>
public sealed class VideoDownloadFunctions(ApiFunctionPipeline pipeline, MediaJobs jobs)
{
    [Function("VideoDownloadCreateJob")]
    public Task<IResult> CreateJobAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "jobs")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await VideoDownloadEndpoints.CreateJobAsync(context, jobs, cancellationToken));

    [Function("VideoDownloadGetJob")]
    public Task<IResult> GetJobAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "jobs/{jobId}")] HttpRequest request,
        string jobId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await VideoDownloadEndpoints.GetJobAsync(jobId, context, jobs, cancellationToken));
}
