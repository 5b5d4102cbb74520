using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaFunctions.Core.InlineStorage;

/// <summary>Registers what checks, seals and writes to a user's own storage.</summary>
public static class InlineStorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="InlineStorageOptions"/> (validated at start) and adds <see cref="InlineStorageClients"/>,
    /// <see cref="InlineStorageProtector"/>, <see cref="InlineStorageVerifier"/> and <see cref="InlineStorageWriter"/>
    /// as singletons. Needs the storage clients (<c>AddMediaFunctionsStorage</c>) and the URL rules (<c>AddUrlSources</c>).
    /// </summary>
    public static IServiceCollection AddInlineStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InlineStorageOptions>()
            .Bind(configuration.GetSection(InlineStorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InlineStorageClients>();
        services.TryAddSingleton<InlineStorageProtector>();
        services.TryAddSingleton<InlineStorageVerifier>();
        services.TryAddSingleton<InlineStorageWriter>();
        return services;
    }
}
