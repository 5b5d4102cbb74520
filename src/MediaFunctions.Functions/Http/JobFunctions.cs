using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Functions.Http;

/// <summary>The native jobs API (<see cref="JobEndpoints"/>), one function per route.</summary>
public sealed class JobFunctions(ApiFunctionPipeline pipeline, JobAcceptance acceptance, JobViews views, JobDeleter deleter, JobFiles files, IOptions<JobOptions> jobOptions)
{
    private JobServices Services => new(acceptance, views, deleter, files);

    [Function("CreateExtractAudioJob")]
    public Task<IResult> CreateExtractAudioJobAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/jobs/extract-audio")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await JobEndpoints.CreateExtractAudioJobAsync(
                RequestQuery.String(request, "persistent"), context, Services, cancellationToken),
            JobEndpoints.MaxUploadRequestBytes(jobOptions.Value));

    [Function("CreateJob")]
    public Task<IResult> CreateJobAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/jobs")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await JobEndpoints.CreateJobAsync(context, acceptance, cancellationToken));

    [Function("ListJobs")]
    public Task<IResult> ListJobsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/jobs")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await JobEndpoints.ListJobsAsync(
                RequestQuery.Int32(request, "pageSize"), RequestQuery.Header(request, InstanceEndpoints.ContinuationTokenHeader),
                context, Services, cancellationToken));

    [Function("GetJob")]
    public Task<IResult> GetJobAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/jobs/{jobId}")] HttpRequest request,
        string jobId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await JobEndpoints.GetJobAsync(jobId, context, Services, cancellationToken));

    [Function("DeleteJob")]
    public Task<IResult> DeleteJobAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/jobs/{jobId}")] HttpRequest request,
        string jobId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await JobEndpoints.DeleteJobAsync(jobId, context, Services, cancellationToken));
}
