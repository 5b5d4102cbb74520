namespace MediaFunctions.Orchestration;

/// <summary>Options for starting an instance.</summary>
/// <param name="InstanceId">The id to use; a new one is made when null.</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null);
