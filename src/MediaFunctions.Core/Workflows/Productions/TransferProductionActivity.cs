using MediaFunctions.Core.Links;
using MediaFunctions.Core.Productions.Services;
using MediaFunctions.Core.Storage;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Productions;

/// <summary>
/// Sends a run's files to one outgoing service (<see cref="ProductionServiceTransfer"/>), each read from our storage
/// through a short link as it is sent.
/// </summary>
public sealed class TransferProductionActivity(ProductionServiceTransfer transfers, SasLinkIssuer links, TimeProvider clock) : Activity<ProductionTransfer, bool>
{
    /// <summary>How long the links the service's transfer reads through last.</summary>
    public static readonly TimeSpan ReadLinkLifetime = TimeSpan.FromHours(2);

    public override async Task<bool> RunAsync(ActivityContext context, ProductionTransfer transfer, CancellationToken cancellationToken)
    {
        var files = new List<ServiceTransferFile>();
        foreach (var file in transfer.Files)
        {
            var link = await links.IssueReadLinkAsync(MediaContainers.Outputs, file.BlobName, clock.GetUtcNow() + ReadLinkLifetime, cancellationToken: cancellationToken);
            files.Add(new ServiceTransferFile(file.FileName, file.MimeType, file.Size, link));
        }

        await transfers.TransferAsync(transfer.Job.KeyId, transfer.ServiceUuid, new ServiceTransfer(transfer.Job.Uuid, files), cancellationToken);
        return true;
    }
}
