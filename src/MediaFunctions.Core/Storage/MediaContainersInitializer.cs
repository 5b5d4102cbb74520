using Azure.Storage.Blobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MediaFunctions.Core.Storage;

/// <summary>Creates the job containers at start. Storage being down is not fatal: health reports it, and jobs fail until it is back.</summary>
internal sealed class MediaContainersInitializer(BlobServiceClient blobs, ILogger<MediaContainersInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var name in MediaContainers.All)
            {
                await blobs.GetBlobContainerClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Logs.ContainersNotCreated(logger, exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
