using Azure.Storage.Blobs;
using MediaFunctions.Core.Storage;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.ExtractAudio;

/// <summary>Deletes a job's staged input as soon as the job ends, however it ends.</summary>
public sealed class DeleteJobInputActivity(BlobServiceClient blobs) : Activity<string, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, string inputBlob, CancellationToken cancellationToken) =>
        await blobs.GetBlobContainerClient(MediaContainers.Inputs).DeleteBlobIfExistsAsync(inputBlob, cancellationToken: cancellationToken);
}
