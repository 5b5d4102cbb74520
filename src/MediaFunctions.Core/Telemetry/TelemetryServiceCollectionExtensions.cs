using System.Diagnostics.Metrics;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaFunctions.Core.Telemetry;

/// <summary>Registers <see cref="MediaFunctionsMetrics"/>; every area that records a measurement calls it, and the first one wins.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Adds the metrics singleton, on the host's <see cref="IMeterFactory"/> when it has one.</summary>
    public static IServiceCollection AddMediaFunctionsMetrics(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => new MediaFunctionsMetrics(provider.GetService<IMeterFactory>()));
        return services;
    }

    /// <summary>Registers <typeparamref name="T"/> as an orchestrator named after its type whose endings count as jobs of <paramref name="kind"/>.</summary>
    public static IServiceCollection AddJobOrchestrator<T>(this IServiceCollection services, string kind) where T : class, IOrchestrator
    {
        services.AddMediaFunctionsMetrics();
        return services.AddSingleton(new WorkflowRegistration(typeof(T).Name, WorkflowKind.Orchestrator,
            provider => new JobOutcomeCounter(ActivatorUtilities.CreateInstance<T>(provider), kind, provider.GetRequiredService<MediaFunctionsMetrics>())));
    }
}
