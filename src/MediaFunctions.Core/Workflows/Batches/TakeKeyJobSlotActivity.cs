using MediaFunctions.Core.Batches.Slots;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Batches;

/// <summary>Takes one of the key's slots for a batch job; false when all are taken (the job looks again after a durable timer).</summary>
public sealed class TakeKeyJobSlotActivity(KeyJobSlots slots) : Activity<KeyJobSlotClaim, bool>
{
    public override Task<bool> RunAsync(ActivityContext context, KeyJobSlotClaim claim, CancellationToken cancellationToken) =>
        slots.TryTakeAsync(claim.KeyId, claim.JobId, claim.Capacity, cancellationToken);
}
