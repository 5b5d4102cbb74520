using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.Sources;

namespace MediaFunctions.Core.Productions.Services;

/// <summary>Links to the input files a production reads from an incoming service (<c>"service": uuid, "input_file": name</c>).</summary>
public sealed class ProductionServiceFiles(ProductionServiceStore store, InlineStorageProtector protector, ProductionServiceStorage storage, UrlSourcePolicy policy)
{
    /// <summary>The production field that names a file on a service.</summary>
    public const string InputFileField = "input_file";

    /// <summary>
    /// A link ffmpeg or an HTTP client can GET <paramref name="fileName"/> from for <paramref name="lifetime"/>: <c>http</c>:
    /// the base URL and the escaped name, checked against the URL rules; <c>s3</c>: a presigned GET; <c>azure</c>: a read SAS
    /// (the service's own SAS token when it has no account key). The file is not looked for: a missing one fails when read.
    /// </summary>
    /// <exception cref="UnusableServiceException"><paramref name="keyId"/> has no such service, or it is not incoming.</exception>
    /// <exception cref="ProductionSettingsException">The file name cannot name a file under the service (<see cref="ServiceFileName.Normalize"/>), or the link leads to an address the rules refuse.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is not positive or is over seven days.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The stored credentials do not open (the service's key was lost).</exception>
    public async Task<Uri> GetReadLinkAsync(string keyId, string serviceUuid, string fileName, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lifetime, InlineStorageWriter.MaxLinkLifetime);
        var service = await store.GetAsync(keyId, serviceUuid, cancellationToken) ?? throw UnusableServiceException.Unknown(serviceUuid);
        if (!service.Incoming)
        {
            throw UnusableServiceException.NotIncoming(serviceUuid);
        }

        var name = ServiceFileName.Normalize(fileName) ?? throw new ProductionSettingsException([new(InputFileField,
            $"input_file '{fileName}' is not a file name on the service: give a relative path without '..', '.', backslashes or control characters.")]);
        if (service.Type == ProductionServiceType.Http)
        {
            var link = new Uri(new Uri(service.Settings.BaseUrl!), ServiceFileName.Escape(name));
            try
            {
                return await policy.CheckAsync(link.AbsoluteUri, cancellationToken);
            }
            catch (Jobs.InvalidJobInputException refusal)
            {
                throw new ProductionSettingsException([new(UnusableServiceException.Field, refusal.Message.Replace("source.url", "The service's URL", StringComparison.Ordinal))]);
            }
        }

        var target = await protector.UnprotectAsync(service.Credentials!, cancellationToken);
        return await storage.GetReadLinkAsync(target, InlineStorageKeys.Combine(service.Settings.Prefix, name), lifetime);
    }
}
