using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Storage;

/// <summary>Registers the storage clients every part of the service shares.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="StorageOptions"/> (validated at start) and registers singleton
    /// <see cref="BlobServiceClient"/> and <see cref="TableServiceClient"/>: from the connection
    /// string when one is set, otherwise from the service URIs with <see cref="DefaultAzureCredential"/>.
    /// </summary>
    public static IServiceCollection AddMediaFunctionsStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        // NOTE: one credential for both clients, so a managed-identity token is fetched once and cached.
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.UsesIdentity
                ? new BlobServiceClient(options.BlobServiceUri, sp.GetRequiredService<TokenCredential>())
                : new BlobServiceClient(options.ConnectionString);
        });
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.UsesIdentity
                ? new TableServiceClient(options.TableServiceUri, sp.GetRequiredService<TokenCredential>())
                : new TableServiceClient(options.ConnectionString);
        });
        return services;
    }
}
