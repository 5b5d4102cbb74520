using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MediaFunctions.Core.Uploads;

/// <summary>
/// Lets browsers PUT upload blocks straight to storage: at start, on an account reached with its key (Azurite, a connection
/// string) whose Blob service has no CORS rules yet, adds one that allows PUT from any origin. Rules someone set are left
/// alone; in Azure the Bicep sets the rule (the app's identity may not change service properties).
/// </summary>
internal sealed class BlobCorsInitializer(BlobServiceClient blobs, ILogger<BlobCorsInitializer> logger) : IHostedService
{
    /// <summary>The rule: any origin, PUT, any request header, every response header readable, preflights cached an hour.</summary>
    public static BlobCorsRule UploadRule => new()
    {
        AllowedOrigins = "*",
        AllowedMethods = "PUT",
        AllowedHeaders = "*",
        ExposedHeaders = "*",
        MaxAgeInSeconds = 3600,
    };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!blobs.CanGenerateAccountSasUri)
        {
            return;
        }

        try
        {
            var properties = (await blobs.GetPropertiesAsync(cancellationToken)).Value;
            if (properties.Cors is { Count: > 0 })
            {
                return;
            }

            properties.Cors = [UploadRule];
            await blobs.SetPropertiesAsync(properties, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Logs.BlobCorsNotSet(logger, exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
