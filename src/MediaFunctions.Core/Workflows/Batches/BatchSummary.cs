namespace MediaFunctions.Core.Workflows.Batches;

/// <summary>The output of <see cref="BatchOrchestrator"/>: how its items ended. Each failure's error is its job's.</summary>
public sealed record BatchSummary(int Total, int Completed, int Failed, int Cancelled);
