namespace MediaFunctions.Core.Jobs;

/// <summary>The output of a finished job orchestration.</summary>
public sealed record JobResult(IReadOnlyList<JobOutput> Outputs);
