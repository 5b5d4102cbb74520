using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Sources.Pages;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Download;

/// <summary>
/// One look at a scheduled stream a download waits for: its source once it plays, or null while it does
/// not (not there yet, not media yet, no media on its page yet). The orchestration waits on a durable
/// timer between looks, so no thread is held while a stream is hours away.
/// </summary>
public sealed class ResolveDownloadSourceActivity(DownloadSourceResolver resolver) : Activity<DownloadJob, DownloadSource?>
{
    public override async Task<DownloadSource?> RunAsync(ActivityContext context, DownloadJob job, CancellationToken cancellationToken)
    {
        try
        {
            return await resolver.ResolveAsync(new Uri(job.Url), job.Settings, job.MaxSourceBytes, cancellationToken);
        }
        catch (Exception notYet) when (notYet is NoMediaFoundException or InvalidJobInputException { Code: "invalid_media" })
        {
            return null;
        }
    }
}
