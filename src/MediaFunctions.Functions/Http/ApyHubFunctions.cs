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

/// <summary>The ApyHub dialect (<see cref="ApyHubEndpoints"/>), one function per route.</summary>
public sealed class ApyHubFunctions(ApiFunctionPipeline pipeline, JobAcceptance acceptance, JobViews views, JobDeleter deleter, JobFiles files, IOptions<JobOptions> jobOptions)
{
    private JobServices Services => new(acceptance, views, deleter, files);

    [Function("ApyHubSubmitExtractAudioJob")]
    public Task<IResult> SubmitExtractAudioJobAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "job/extract/video/audio/file")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await ApyHubEndpoints.SubmitExtractAudioJobAsync(
                RequestQuery.String(request, "persistent"), context, Services, cancellationToken),
            JobEndpoints.MaxUploadRequestBytes(jobOptions.Value));

    [Function("ApyHubGetJobStatus")]
    public Task<IResult> GetJobStatusAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "job/status/{jobId}")] HttpRequest request,
        string jobId,
        [DurableClient] DurableTaskClient client) =>
        pipeline.RunAsync(request, client, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await ApyHubEndpoints.GetJobStatusAsync(jobId, context, Services, cancellationToken));
}
