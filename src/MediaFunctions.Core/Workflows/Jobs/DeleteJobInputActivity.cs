using Azure.Storage.Blobs;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Storage;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Jobs;

/// <summary>Deletes a job's staged input, and the audio split from it, as soon as the job ends, however it ends.</summary>
public sealed class DeleteJobInputActivity(BlobServiceClient blobs) : Activity<JobSource, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, JobSource source, CancellationToken cancellationToken)
    {
        var inputs = blobs.GetBlobContainerClient(MediaContainers.Inputs);
        var deleted = false;
        foreach (var blobName in new[] { source.InputBlob, source.AudioBlob }.OfType<string>())
        {
            deleted |= await inputs.DeleteBlobIfExistsAsync(blobName, cancellationToken: cancellationToken);
        }

        return deleted;
    }
}
