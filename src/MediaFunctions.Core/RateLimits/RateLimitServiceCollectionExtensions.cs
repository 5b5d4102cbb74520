using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.RateLimits;

/// <summary>Registers the per-key rate limiter.</summary>
public static class RateLimitServiceCollectionExtensions
{
    /// <summary>Binds <see cref="RateLimitOptions"/> (validated at start) and registers <see cref="KeyRateLimiter"/>. Needs the storage clients.</summary>
    public static IServiceCollection AddKeyRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KeyRateLimiter>();
        return services;
    }
}
