using MediaFunctions.Api.Auphonic;
using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Batches;
using MediaFunctions.Api.Cors;
using MediaFunctions.Api.Events;
using MediaFunctions.Api.Health;
using MediaFunctions.Api.Idempotency;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Api.OpenApi;
using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Keys;
using MediaFunctions.Core.Media;
using MediaFunctions.Core.OAuth;
using MediaFunctions.Core.Productions;
using MediaFunctions.Core.RateLimits;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Uploads;
using MediaFunctions.Core.Workflows;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaFunctions.Api;

/// <summary>Registers everything the HTTP surface needs, except the orchestration engine the host picks.</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Storage clients (<c>Storage</c> section), API keys (<c>Auth</c> section), API-key
    /// authentication, per-key rate limits (<c>RateLimits</c> section), the job and batch JSON that webhooks carry, the Auphonic dialect's presets, productions and external services, OAuth 2.0 apps and grants, CORS, the error envelope for
    /// exceptions, health checks and the OpenAPI document.
    /// The host also registers an <see cref="Orchestration.IOrchestrationClient"/>.
    /// </summary>
    public static IServiceCollection AddMediaFunctionsApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediaFunctionsStorage(configuration);
        services.AddMedia(configuration);
        services.AddMediaJobs(configuration);
        services.AddSingleton<IJobViewSerializer, JobResponseSerializer>();
        services.AddSingleton<IBatchViewSerializer, BatchResponseSerializer>();
        services.AddApiKeys(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddProductions();
        services.AddSingleton<AuphonicProductionServices>();
        services.AddEventStreams(configuration);
        services.AddUploads(configuration);
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<IdempotentRequests>();
        services.AddOAuth();
        services.AddApiCors();
        services.AddApiKeyAuthentication();
        services.AddKeyRateLimits(configuration);
        // Binding failures (malformed JSON, a bad query value) become exceptions the handler maps, with their message.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>(StorageHealthCheck.Name, timeout: StorageHealthCheck.Timeout * 2)
            .AddCheck<FfmpegHealthCheck>(FfmpegHealthCheck.Name, timeout: FfmpegHealthCheck.Timeout * 2);
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "MediaFunctions API";
                document.Info.Description = "Media jobs that run as durable orchestrations. Every route but /api/health needs an API key.";
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<ApiKeySecurityTransformer>();
            options.AddOperationTransformer<ApiKeySecurityTransformer>();
        });
        return services;
    }
}
