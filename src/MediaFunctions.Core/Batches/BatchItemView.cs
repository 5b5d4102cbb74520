using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Core.Batches;

/// <summary>One item of a batch with its job as it stands (a job that has not started yet shows as pending).</summary>
/// <param name="Job">Null only for an item refused when the batch was created: it has no job.</param>
public sealed record BatchItemView(BatchItem Item, JobView? Job)
{
    /// <summary>How the item stands: its job's state, or failed when it was refused.</summary>
    public JobState State => Job?.State ?? JobState.Failed;
}
