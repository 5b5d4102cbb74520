using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Download;

/// <summary>
/// Drops the data key of a download's inline storage settings once the job has ended, however it ended: the
/// sealed settings left in its history and status never open again (ARCHITECTURE §9). Idempotent.
/// </summary>
public sealed class ForgetInlineStorageActivity(InlineStorageProtector protector) : Activity<ProtectedInlineStorage, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, ProtectedInlineStorage storage, CancellationToken cancellationToken)
    {
        await protector.ForgetAsync(storage, cancellationToken);
        return true;
    }
}
