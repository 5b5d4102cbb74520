using MediaFunctions.Core.Batches.Slots;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Batches;

/// <summary>Gives back a batch job's slot once the job has ended, however it ended.</summary>
public sealed class ReleaseKeyJobSlotActivity(KeyJobSlots slots) : Activity<KeyJobSlotClaim, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, KeyJobSlotClaim claim, CancellationToken cancellationToken)
    {
        await slots.ReleaseAsync(claim.KeyId, claim.JobId, cancellationToken);
        return true;
    }
}
