using System.Text.Json.Serialization;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Durable.History;

/// <summary>
/// One entry of an instance's append-only history, or a message waiting in its inbox.
/// The orchestrator is replayed against these in recorded order.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$t")]
[JsonDerivedType(typeof(ExecutionStarted), "ExecutionStarted")]
[JsonDerivedType(typeof(OrchestratorStarted), "OrchestratorStarted")]
[JsonDerivedType(typeof(TaskScheduled), "TaskScheduled")]
[JsonDerivedType(typeof(TaskCompleted), "TaskCompleted")]
[JsonDerivedType(typeof(TaskFailed), "TaskFailed")]
[JsonDerivedType(typeof(SubOrchestrationCreated), "SubOrchestrationInstanceCreated")]
[JsonDerivedType(typeof(SubOrchestrationCompleted), "SubOrchestrationInstanceCompleted")]
[JsonDerivedType(typeof(SubOrchestrationFailed), "SubOrchestrationInstanceFailed")]
[JsonDerivedType(typeof(TimerCreated), "TimerCreated")]
[JsonDerivedType(typeof(TimerFired), "TimerFired")]
[JsonDerivedType(typeof(EventRaised), "EventRaised")]
[JsonDerivedType(typeof(ExecutionSuspended), "ExecutionSuspended")]
[JsonDerivedType(typeof(ExecutionResumed), "ExecutionResumed")]
[JsonDerivedType(typeof(ExecutionTerminated), "ExecutionTerminated")]
[JsonDerivedType(typeof(ExecutionCompleted), "ExecutionCompleted")]
public abstract record HistoryEvent
{
    public DateTime Timestamp { get; init; }
}

/// <summary>The first event of an execution; also the inbox message that starts an instance.</summary>
public sealed record ExecutionStarted(string Name, string? Input, string? ParentInstanceId = null, int? ParentTaskId = null) : HistoryEvent
{
    /// <summary>The W3C traceparent of the span that started the instance (a request, a parent orchestration), or null: the engine's spans continue its trace.</summary>
    public string? TraceParent { get; init; }
}

/// <summary>Marks the start of one step (episode); its timestamp is the orchestrator's current time.</summary>
public sealed record OrchestratorStarted : HistoryEvent;

/// <summary>Events that record an action the orchestrator took; matched against the code on replay.</summary>
public abstract record ActionEvent(int TaskId) : HistoryEvent;

public sealed record TaskScheduled(int TaskId, string Name, string? Input) : ActionEvent(TaskId);

public sealed record SubOrchestrationCreated(int TaskId, string Name, string InstanceId, string? Input) : ActionEvent(TaskId);

public sealed record TimerCreated(int TaskId, DateTime FireAt) : ActionEvent(TaskId);

/// <summary>Events that complete an earlier action.</summary>
public abstract record CompletionEvent(int TaskId) : HistoryEvent;

public sealed record TaskCompleted(int TaskId, string? Result) : CompletionEvent(TaskId);

public sealed record TaskFailed(int TaskId, TaskFailureDetails Failure) : CompletionEvent(TaskId);

public sealed record SubOrchestrationCompleted(int TaskId, string? Result) : CompletionEvent(TaskId);

public sealed record SubOrchestrationFailed(int TaskId, TaskFailureDetails Failure) : CompletionEvent(TaskId);

public sealed record TimerFired(int TaskId, DateTime FireAt) : CompletionEvent(TaskId);

public sealed record EventRaised(string Name, string? Input) : HistoryEvent;

public sealed record ExecutionSuspended(string? Reason) : HistoryEvent;

public sealed record ExecutionResumed(string? Reason) : HistoryEvent;

public sealed record ExecutionTerminated(string? Reason) : HistoryEvent;

/// <summary>The last event of an execution.</summary>
public sealed record ExecutionCompleted(OrchestrationRuntimeStatus Status, string? Result, TaskFailureDetails? Failure) : HistoryEvent;
