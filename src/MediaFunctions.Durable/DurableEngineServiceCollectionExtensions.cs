using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MediaFunctions.Durable.Client;
using MediaFunctions.Durable.Diagnostics;
using MediaFunctions.Durable.Execution;
using MediaFunctions.Durable.Runtime;
using MediaFunctions.Durable.Storage;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Durable;

/// <summary>Wires the embedded durable engine into a host.</summary>
public static class DurableEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine as a hosted service and <see cref="IOrchestrationClient"/>. Settings come
    /// from the "Durable" section; the Azure Storage store uses <c>Storage:ConnectionString</c>.
    /// </summary>
    public static IServiceCollection AddDurableEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DurableOptions>().Bind(configuration.GetSection(DurableOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new WorkflowRegistry(sp.GetServices<WorkflowRegistration>()));
        services.AddSingleton<IOrchestrationStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DurableOptions>>().Value;
            var timeProvider = sp.GetRequiredService<TimeProvider>();
            if (options.Store == "InMemory")
            {
                return new InMemoryOrchestrationStore(timeProvider);
            }

            // The host's shared clients when it has them (managed identity in Azure), else the connection string.
            if (sp.GetService<TableServiceClient>() is { } tables && sp.GetService<BlobServiceClient>() is { } blobs)
            {
                return new AzureStorageOrchestrationStore(tables, blobs, options.TaskHub, timeProvider);
            }

            var connectionString = configuration["Storage:ConnectionString"];
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new OptionsValidationException("Storage:ConnectionString", typeof(DurableOptions),
                    ["Storage:ConnectionString is required when Durable:Store is AzureStorage."]);
            }

            return new AzureStorageOrchestrationStore(new TableServiceClient(connectionString), new BlobServiceClient(connectionString), options.TaskHub, timeProvider);
        });
        services.AddSingleton<DurableEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<DurableEngine>());
        services.AddSingleton<IOrchestrationClient, EmbeddedOrchestrationClient>();
        if (configuration.GetValue<bool>($"{DurableOptions.SectionName}:{nameof(DurableOptions.EnableDiagnosticWorkflows)}"))
        {
            services.AddDiagnosticWorkflows();
        }

        return services;
    }
}
