using Azure.Core.Serialization;
using MediaFunctions.Api;
using MediaFunctions.Api.Events;
using MediaFunctions.Functions.Http;
using MediaFunctions.Functions.Orchestration;
using MediaFunctions.Functions.Workflows;
using MediaFunctions.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Functions;

/// <summary>Registers what the Functions app runs; Program calls it, and the tests build the same app with it.</summary>
public static class FunctionsAppServiceCollectionExtensions
{
    /// <summary>
    /// The worker's serializer: orchestration inputs, outputs, events and statuses take the JSON shape
    /// the self-host gives them. The DurableTask extension turns it into the worker's data converter.
    /// </summary>
    public static ObjectSerializer WorkerSerializer { get; } = new JsonObjectSerializer(OrchestrationJson.Options);

    /// <summary>The API and core services, the Durable Functions adapters and the worker's serializer.</summary>
    public static IServiceCollection AddMediaFunctionsApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediaFunctionsApi(configuration);
        services.AddAuthorization();
        services.AddSingleton<DurableTaskClientAccessor>();
        services.AddSingleton<IOrchestrationClient, DurableFunctionsOrchestrationClient>();
        services.AddSingleton<WorkflowInvoker>();
        services.AddSingleton<ApiFunctionPipeline>();
        services.AddSingleton<EventStreamServices>();
        services.PostConfigure<EventStreamOptions>(options => options.EventStreamMaxDuration ??= EventFunctions.MaxStreamDuration);
        services.Configure<WorkerOptions>(options => options.Serializer = WorkerSerializer);
        return services;
    }
}
