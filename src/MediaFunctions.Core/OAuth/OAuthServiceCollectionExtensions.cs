using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MediaFunctions.Core.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace MediaFunctions.Core.OAuth;

/// <summary>Registers the OAuth 2.0 apps, grants and consent-form tokens.</summary>
public static class OAuthServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="OAuthAppStore"/>, <see cref="OAuthAuthorizationServer"/>, <see cref="OAuthConsentFormTokens"/> and
    /// <see cref="IOAuthClientSecrets"/>. Needs the storage clients and the API keys (<see cref="ApiKeyServiceCollectionExtensions.AddApiKeys"/>).
    /// </summary>
    public static IServiceCollection AddOAuth(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new OAuthGrantStore(provider.GetRequiredService<TableServiceClient>()));
        services.TryAddSingleton(provider => new OAuthAppStore(
            provider.GetRequiredService<TableServiceClient>(),
            new OAuthClientSecretProtector(provider.GetRequiredService<BlobServiceClient>()),
            provider.GetRequiredService<OAuthGrantStore>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<OAuthAppStore>>()));
        services.TryAddSingleton(provider => new OAuthAuthorizationServer(
            provider.GetRequiredService<OAuthGrantStore>(),
            provider.GetRequiredService<OAuthAppStore>(),
            provider.GetRequiredService<ApiKeyStore>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<OAuthAuthorizationServer>>()));
        services.TryAddSingleton(provider => new OAuthConsentFormTokens(provider.GetRequiredService<BlobServiceClient>(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IOAuthClientSecrets, OAuthClientSecrets>();
        return services;
    }
}
