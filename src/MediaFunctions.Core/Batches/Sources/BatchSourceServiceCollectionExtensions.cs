using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaFunctions.Core.Batches.Sources;

/// <summary>Registers what tells a batch URL's items.</summary>
public static class BatchSourceServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="BatchSourceResolver"/> as a singleton. It reads through the URL sources that
    /// <c>AddUrlSources</c> registers, which must be added too (they are not added here, so the
    /// <c>Sources</c> section is bound once).
    /// </summary>
    public static IServiceCollection AddBatchSources(this IServiceCollection services)
    {
        services.TryAddSingleton<BatchSourceResolver>();
        return services;
    }
}
