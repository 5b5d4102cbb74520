namespace MediaFunctions.Orchestration;

/// <summary>Starts and manages orchestration instances; mirrors Durable Task's client.</summary>
public interface IOrchestrationClient
{
    /// <summary>Starts a new instance and returns its id. Fails with <see cref="InstanceExistsException"/> when the id is taken by a live instance.</summary>
    Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The instance's metadata, or null when there is no such instance.</summary>
    Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);

    /// <summary>One page of instances matching the query.</summary>
    Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>The recorded history of the instance's current execution, oldest first; empty when unknown.</summary>
    Task<IReadOnlyList<OrchestrationHistoryEvent>> GetInstanceHistoryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Sends an event; it is buffered until the orchestrator waits for it.</summary>
    Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default);

    /// <summary>Ends a live instance as Terminated with the reason as its output.</summary>
    Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Suspends a running instance: it runs nothing and buffers its events until resumed.</summary>
    Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Resumes a suspended instance.</summary>
    Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a finished instance's state and history; false when there was none to delete.</summary>
    Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Waits until the instance is Completed, Failed or Terminated.</summary>
    Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);
}
