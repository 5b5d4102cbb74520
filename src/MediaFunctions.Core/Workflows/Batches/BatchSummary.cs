using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Core.Workflows.Batches;

/// <summary>The output of <see cref="BatchOrchestrator"/>: how its items ended. Each failure's error is its job's.</summary>
/// <param name="Zip">The zip of every completed item's files, linked, when the batch asked for one and it was written.</param>
public sealed record BatchSummary(int Total, int Completed, int Failed, int Cancelled, JobOutput? Zip = null);
