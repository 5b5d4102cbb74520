using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Core.Uploads;

/// <summary>Registers upload sessions.</summary>
public static class UploadServiceCollectionExtensions
{
    /// <summary>The sessions, their store, <see cref="UploadOptions"/> (the "Uploads" section, validated at start) and the Blob CORS rule for Azurite.</summary>
    public static IServiceCollection AddUploads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(UploadOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<UploadSessions>();
        services.AddHostedService<BlobCorsInitializer>();
        return services;
    }
}
