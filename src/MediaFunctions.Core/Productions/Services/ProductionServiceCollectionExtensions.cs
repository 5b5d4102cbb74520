using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaFunctions.Core.Productions.Services;

/// <summary>Registers the external services of the Auphonic dialect.</summary>
public static class ProductionServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ProductionServiceStore"/>, <see cref="ProductionServiceStorage"/>, <see cref="ProductionServiceRegistry"/>,
    /// <see cref="ProductionServiceFiles"/> and <see cref="ProductionServiceTransfer"/> as singletons. Needs storage, the URL rules,
    /// inline storage and webhook settings (<c>AddMediaJobs</c>); a connected service is told only once an
    /// <see cref="OAuth.IOAuthClientSecrets"/> is registered.
    /// </summary>
    public static IServiceCollection AddProductionServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProductionServiceStore>();
        services.TryAddSingleton<ProductionServiceStorage>();
        services.TryAddSingleton<ProductionServiceRegistry>();
        services.TryAddSingleton<ProductionServiceFiles>();
        services.TryAddSingleton<ProductionServiceTransfer>();
        return services;
    }
}
