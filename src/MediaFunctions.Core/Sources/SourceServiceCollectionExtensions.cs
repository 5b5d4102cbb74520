using MediaFunctions.Core.Sources.Egress;
using MediaFunctions.Core.Sources.Pages;
using MediaFunctions.Core.Sources.Relay;
using MediaFunctions.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Sources;

/// <summary>Registers what reads from URLs on a caller's behalf, all behind the same address rules.</summary>
public static class SourceServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>Sources</c> settings (validated at start), <see cref="UrlSourcePolicy"/>,
    /// <see cref="GuardedConnector"/>, <see cref="GuardedHttpClient"/> (for every outbound fetch: media,
    /// webhooks, inline storage), <see cref="SourceRelay"/>, <see cref="EgressProxy"/> and
    /// <see cref="PageMediaResolver"/>, all singletons.
    /// </summary>
    public static IServiceCollection AddUrlSources(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SourceOptions>().Bind(configuration.GetSection(SourceOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SourceOptions>, SourceOptionsValidator>());
        services.TryAddSingleton<UrlSourcePolicy>();
        services.TryAddSingleton<GuardedConnector>();
        services.TryAddSingleton<GuardedHttpClient>();
        services.AddMediaFunctionsMetrics();
        services.TryAddSingleton<SourceRelay>();
        services.TryAddSingleton<EgressProxy>();
        services.TryAddSingleton<PageMediaResolver>();
        return services;
    }
}
