using Azure.Storage.Blobs;
using MediaFunctions.Api.Console;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Core.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Functions.Http;

/// <summary>The web console (<see cref="ConsoleEndpoints"/>): its page at the site's root, its files and its config.</summary>
public sealed class ConsoleFunctions(ApiFunctionPipeline pipeline, BlobServiceClient blobs, IOptions<JobOptions> jobOptions)
{
    /// <summary>
    /// The site's root: Functions refuses an empty route, so an optional parameter that must stay empty stands for it (with
    /// host.json's empty routePrefix, a function that matches <c>/</c> is served instead of the platform's home page).
    /// </summary>
    public const string RootRoute = "{root:maxlength(0)?}";

    /// <summary>The largest HTTP request body Azure Functions accepts (100 MB); larger files go through upload sessions.</summary>
    public const long PlatformRequestBodyBytes = 100L * 1024 * 1024;

    [Function("GetConsolePage")]
    public Task<IResult> GetPageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RootRoute)] HttpRequest request) =>
        pipeline.RunAsync(request, client: null, policy: null,
            (context, _) => Task.FromResult<IResult>(ConsoleEndpoints.GetFile(ConsoleFiles.IndexName, context, blobs)));

    [Function("GetConsoleFile")]
    public Task<IResult> GetFileAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/{file}")] HttpRequest request,
        string file) =>
        pipeline.RunAsync(request, client: null, policy: null,
            (context, _) => Task.FromResult<IResult>(ConsoleEndpoints.GetFile(file, context, blobs)));

    [Function("GetConsoleConfig")]
    public Task<IResult> GetConfigAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/console/config")] HttpRequest request) =>
        pipeline.RunAsync(request, client: null, policy: null,
            (_, _) => Task.FromResult<IResult>(ConsoleEndpoints.GetConfig(jobOptions.Value, PlatformRequestBodyBytes)));
}
