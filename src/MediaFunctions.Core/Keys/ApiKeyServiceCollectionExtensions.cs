using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Keys;

/// <summary>Registers the key store and the start-up step that stores configured keys.</summary>
public static class ApiKeyServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="AuthOptions"/> (validated at start), registers <see cref="ApiKeyStore"/> and
    /// a hosted step that creates or updates the configured keys. Needs the storage clients.
    /// </summary>
    public static IServiceCollection AddApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiKeyStore>();
        services.AddHostedService<ApiKeyBootstrapper>();
        return services;
    }
}
