namespace MediaFunctions.Core.Workflows.Batches;

/// <summary>A batch's custom status: whether it waits to be started, and its items done out of the total.</summary>
/// <param name="State">"paused" until started, then "processing".</param>
public sealed record BatchProgress(string State, int Total, int Completed, int Failed, int Cancelled, int Running)
{
    public const string PausedState = "paused";
    public const string ProcessingState = "processing";

    /// <summary>Items done (however they ended) in percent of the total.</summary>
    public int Percent => Total == 0 ? 100 : (Completed + Failed + Cancelled) * 100 / Total;
}
