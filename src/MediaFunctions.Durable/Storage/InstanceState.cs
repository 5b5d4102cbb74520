using MediaFunctions.Orchestration;

namespace MediaFunctions.Durable.Storage;

/// <summary>
/// The row that describes an instance: what clients query, and the concurrency token every
/// commit must present. Payloads are JSON text; the store decides where large ones live.
/// </summary>
public sealed record InstanceState
{
    public required string InstanceId { get; init; }
    public required string Name { get; init; }
    /// <summary>Changes on every (re)start and ContinueAsNew; history rows belong to one execution.</summary>
    public required string ExecutionId { get; init; }
    public required OrchestrationRuntimeStatus Status { get; init; }
    /// <summary>The lease partition that owns the instance.</summary>
    public required int Partition { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastUpdatedAt { get; init; }
    public string? Input { get; init; }
    public string? Output { get; init; }
    public string? CustomStatus { get; init; }
    public TaskFailureDetails? Failure { get; init; }
    public string? ParentInstanceId { get; init; }
    /// <summary>Number of history events recorded in the current execution.</summary>
    public int HistoryCount { get; init; }
    /// <summary>Opaque concurrency token; null on a state that was never stored.</summary>
    public string? ETag { get; init; }
}
