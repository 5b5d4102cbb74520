using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.Sources;

namespace MediaFunctions.Core.Productions.Services;

/// <summary>
/// Registers, lists and deletes a key's external services. A service is checked before it is stored: an http service's
/// base URL and a connected service's webhook URL must meet the URL rules; an s3 or azure service's credentials must
/// work, by a real call (a listing under its prefix when incoming, a marker written and deleted when outgoing), and
/// are then stored sealed by <see cref="InlineStorageProtector"/>.
/// </summary>
public sealed class ProductionServiceRegistry(ProductionServiceStore store, UrlSourcePolicy policy, InlineStorageVerifier verifier,
    InlineStorageProtector protector, ProductionServiceStorage storage, TimeProvider timeProvider)
{
    /// <summary>Checks and stores a service of <paramref name="keyId"/>.</summary>
    /// <exception cref="ProductionSettingsException">A setting is refused or the storage refused the credentials; each field named.</exception>
    public async Task<ServiceInfo> CreateAsync(string keyId, ProductionServiceRequest request, CancellationToken cancellationToken = default)
    {
        string? sealedCredentials = null;
        var settings = new ProductionServiceSettings { BaseUrl = request.BaseUrl?.AbsoluteUri };
        if (request.Storage is { } target)
        {
            await VerifyStorageAsync(request, target, cancellationToken);
            sealedCredentials = (await protector.ProtectAsync(target, cancellationToken)).Ciphertext;
            var isAzure = request.Type == ProductionServiceType.Azure;
            settings = new ProductionServiceSettings
            {
                Endpoint = target.ResolvedEndpoint.AbsoluteUri,
                Bucket = isAzure ? null : target.BucketOrContainer,
                Region = isAzure ? null : target.ResolvedRegion,
                AccountName = isAzure ? target.AccountName!.Trim() : null,
                Container = isAzure ? target.BucketOrContainer : null,
                Prefix = request.Prefix,
            };
        }
        else
        {
            await CheckUrlAsync(ProductionServiceFields.BaseUrl, request.BaseUrl!, cancellationToken);
        }

        var service = await store.AddAsync(new ProductionService("", keyId, request.Type, request.DisplayName, request.Incoming, request.Outgoing,
            timeProvider.GetUtcNow(), settings, sealedCredentials), cancellationToken);
        return service.ToInfo();
    }

    /// <summary>Stores an outgoing service of <paramref name="keyId"/> that tells the app <paramref name="clientId"/> of each production.</summary>
    /// <exception cref="ProductionSettingsException">The webhook URL is refused by the URL rules.</exception>
    public async Task<ServiceInfo> ConnectAsync(string keyId, string clientId, ConnectedServiceRequest request, CancellationToken cancellationToken = default)
    {
        await CheckUrlAsync(ProductionServiceFields.WebhookUrl, request.WebhookUrl, cancellationToken);
        var settings = new ProductionServiceSettings { WebhookUrl = request.WebhookUrl.AbsoluteUri, CustomData = request.CustomData, ClientId = clientId };
        var service = await store.AddAsync(new ProductionService("", keyId, ProductionServiceType.Connected, request.DisplayName, Incoming: false, Outgoing: true,
            timeProvider.GetUtcNow(), settings, null), cancellationToken);
        return service.ToInfo();
    }

    /// <summary>Every service of <paramref name="keyId"/>, newest first.</summary>
    public async Task<IReadOnlyList<ServiceInfo>> ListAsync(string keyId, CancellationToken cancellationToken = default) =>
        [.. (await store.ListAsync(keyId, cancellationToken)).Select(service => service.ToInfo())];

    /// <summary>The service with what it can do, or null when <paramref name="keyId"/> has none by that id.</summary>
    public async Task<ServiceInfo?> FindAsync(string keyId, string uuid, CancellationToken cancellationToken = default) =>
        (await store.GetAsync(keyId, uuid, cancellationToken))?.ToInfo();

    /// <summary>Deletes the service and drops the key its credentials were sealed under; false when <paramref name="keyId"/> has none by that id.</summary>
    public async Task<bool> DeleteAsync(string keyId, string uuid, CancellationToken cancellationToken = default)
    {
        if (await store.DeleteAsync(keyId, uuid, cancellationToken) is not { } deleted)
        {
            return false;
        }

        if (deleted.Credentials is { } credentials)
        {
            await protector.ForgetAsync(credentials, cancellationToken);
        }

        return true;
    }

    private async Task VerifyStorageAsync(ProductionServiceRequest request, InlineStorageRequest target, CancellationToken cancellationToken)
    {
        try
        {
            if (request.Incoming)
            {
                await storage.CheckListableAsync(target, request.Prefix, cancellationToken);
            }

            if (request.Outgoing)
            {
                await verifier.VerifyAsync(target, cancellationToken);
            }
        }
        catch (InvalidJobInputException refusal)
        {
            throw new ProductionSettingsException([new(StorageField(request.Type, refusal), refusal.Message)]);
        }
    }

    private async Task CheckUrlAsync(string field, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            await policy.CheckAsync(url.AbsoluteUri, cancellationToken);
        }
        catch (InvalidJobInputException refusal)
        {
            throw new ProductionSettingsException([new(field, $"{field}: {refusal.Message.Replace("source.url", "the URL", StringComparison.Ordinal)}")]);
        }
    }

    // The field a refusal of the storage is about, so form_errors points at what to change.
    private static string StorageField(ProductionServiceType type, InvalidJobInputException refusal) => refusal switch
    {
        { Code: UrlSourcePolicy.NotAllowedCode or "invalid_url" } => ProductionServiceFields.Endpoint,
        _ when refusal.Message.Contains("endpoint", StringComparison.Ordinal) => ProductionServiceFields.Endpoint,
        _ when refusal.Message.Contains("bucket '", StringComparison.Ordinal) && type == ProductionServiceType.S3 => ProductionServiceFields.Bucket,
        _ when refusal.Message.Contains("SAS token", StringComparison.Ordinal) => ProductionServiceFields.SasToken,
        _ when refusal.Message.Contains("container '", StringComparison.Ordinal) => ProductionServiceFields.Container,
        _ => type == ProductionServiceType.Azure ? ProductionServiceFields.AccountKey : ProductionServiceFields.AccessKey,
    };
}
