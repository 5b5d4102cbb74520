namespace MediaFunctions.Orchestration;

/// <summary>Thrown inside an orchestrator when an activity or child orchestration it awaited failed.</summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed: {failureDetails.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    public string TaskName { get; }
    public int TaskId { get; }
    public TaskFailureDetails FailureDetails { get; }
}

/// <summary>Thrown by the client when an instance id is already used by an instance that has not finished.</summary>
public sealed class InstanceExistsException(string instanceId)
    : Exception($"An orchestration with id '{instanceId}' already exists and has not finished.")
{
    public string InstanceId { get; } = instanceId;
}
