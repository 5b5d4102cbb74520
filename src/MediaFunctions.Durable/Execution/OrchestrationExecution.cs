using System.Text;
using MediaFunctions.Durable.History;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Durable.Execution;

/// <summary>
/// One execution of an orchestrator, kept in memory between steps. It is rebuilt by replaying the
/// recorded history (actions are matched against the record, not taken again) and then advanced
/// one event at a time; the events and actions of the current step are collected for the commit.
/// </summary>
internal sealed class OrchestrationExecution : IOrchestrationContext
{
    /// <summary>The largest custom status Durable Functions accepts, serialized.</summary>
    public const int MaxCustomStatusBytes = 16 * 1024;

    private readonly OrchestrationTaskScheduler _scheduler = new();
    private readonly IOrchestrator _orchestrator;
    private readonly Dictionary<int, ActionEvent> _recordedActions = [];
    private readonly Dictionary<int, PendingTask> _pending = [];
    private readonly Dictionary<string, Queue<string?>> _bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<string?>>> _eventWaiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _step = [];
    private int _nextTaskId;
    private int _nextGuid;
    private Task<object?>? _run;
    private (string? Input, bool PreserveEvents)? _continueAsNew;
    private bool _historyHasCompletion;

    public OrchestrationExecution(string instanceId, string name, IOrchestrator orchestrator)
    {
        InstanceId = instanceId;
        Name = name;
        _orchestrator = orchestrator;
    }

    public string InstanceId { get; }
    public string Name { get; }
    public DateTime CurrentUtcDateTime { get; private set; }
    public bool IsReplaying { get; private set; }
    public string? Input { get; private set; }
    public string? ParentInstanceId { get; private set; }
    public int? ParentTaskId { get; private set; }
    /// <summary>The W3C traceparent the instance was started under, for the engine's spans; null when none was recorded.</summary>
    public string? TraceParent { get; private set; }
    public string? CustomStatus { get; private set; }
    public bool IsSuspended { get; private set; }
    public bool HasStarted => _run is not null;

    /// <summary>Set once the execution has ended: completed, failed, terminated or continued as new.</summary>
    public ExecutionCompleted? Outcome { get; private set; }

    /// <summary>The input of the next execution when the orchestrator called ContinueAsNew.</summary>
    public string? ContinueAsNewInput => _continueAsNew?.Input;

    /// <summary>Events raised but never awaited, carried into the next execution when ContinueAsNew asked for it.</summary>
    public IEnumerable<EventRaised> UnprocessedEvents =>
        _continueAsNew is { PreserveEvents: true }
            ? _bufferedEvents.SelectMany(pair => pair.Value.Select(input => new EventRaised(pair.Key, input)))
            : [];

    /// <summary>Why the orchestrator broke its history, when it did.</summary>
    public string? NonDeterminism { get; private set; }

    /// <summary>Actions taken and not yet completed: the work the engine must keep running.</summary>
    public IEnumerable<ActionEvent> OutstandingActions => _pending.Values.Select(pending => pending.Action);

    /// <summary>Rebuilds the in-memory state from the recorded history of this execution.</summary>
    public void Replay(IReadOnlyList<HistoryEvent> history)
    {
        foreach (var action in history.OfType<ActionEvent>())
        {
            _recordedActions[action.TaskId] = action;
        }

        _historyHasCompletion = history.Any(e => e is ExecutionCompleted);
        IsReplaying = true;
        foreach (var historyEvent in history)
        {
            if (historyEvent is not ActionEvent)
            {
                Apply(historyEvent);
            }
        }

        IsReplaying = false;
        if (NonDeterminism is null && Outcome is null && _recordedActions.Count > 0)
        {
            var missing = _recordedActions.Values.OrderBy(a => a.TaskId).First();
            NonDeterminism = $"NonDeterministic: the history records {Describe(missing)} as task #{missing.TaskId}, but on replay the orchestrator never issued it.";
        }
    }

    /// <summary>
    /// Advances the execution by one new event. Returns false, recording nothing, when the event
    /// no longer applies (a result for a task already completed or abandoned, anything after the end).
    /// </summary>
    public bool Process(HistoryEvent newEvent)
    {
        if (!Applies(newEvent))
        {
            return false;
        }

        _step.Add(newEvent);
        Apply(newEvent);
        return true;
    }

    /// <summary>The events and actions of the current step, in the order they happened; clears them.</summary>
    public List<HistoryEvent> TakeStep()
    {
        var step = new List<HistoryEvent>(_step);
        _step.Clear();
        return step;
    }

    private bool Applies(HistoryEvent newEvent) => newEvent switch
    {
        OrchestratorStarted => true,
        _ when Outcome is not null => false,
        ExecutionStarted => !HasStarted,
        CompletionEvent completion => _pending.ContainsKey(completion.TaskId),
        ExecutionSuspended => !IsSuspended,
        ExecutionResumed => IsSuspended,
        _ => true,
    };

    private void Apply(HistoryEvent historyEvent)
    {
        // A broken history is not advanced: results would reach the wrong tasks.
        if (NonDeterminism is not null)
        {
            return;
        }

        switch (historyEvent)
        {
            case OrchestratorStarted started:
                CurrentUtcDateTime = started.Timestamp;
                return;
            case ExecutionStarted started:
                Input = started.Input;
                ParentInstanceId = started.ParentInstanceId;
                ParentTaskId = started.ParentTaskId;
                TraceParent = started.TraceParent;
                _run = Task.Factory.StartNew(() => _orchestrator.RunAsync(this), CancellationToken.None,
                    TaskCreationOptions.DenyChildAttach, _scheduler).Unwrap();
                break;
            case CompletionEvent completion:
                if (_pending.Remove(completion.TaskId, out var pending))
                {
                    pending.Complete(completion);
                }

                break;
            case EventRaised raised:
                DeliverEvent(raised);
                break;
            case ExecutionSuspended:
                IsSuspended = true;
                return;
            case ExecutionResumed:
                IsSuspended = false;
                return;
            case ExecutionTerminated terminated:
                Outcome = new ExecutionCompleted(OrchestrationRuntimeStatus.Terminated, OrchestrationJson.Serialize(terminated.Reason), null)
                { Timestamp = CurrentUtcDateTime };
                if (!_historyHasCompletion)
                {
                    Append(Outcome);
                }

                return;
            case ExecutionCompleted completed:
                Outcome = completed;
                return;
        }

        _scheduler.RunUntilBlocked();
        DetectEnd();
    }

    private void DetectEnd()
    {
        if (_run is not { IsCompleted: true } || Outcome is not null)
        {
            return;
        }

        Outcome = _run.Status switch
        {
            TaskStatus.RanToCompletion when _continueAsNew is not null =>
                new ExecutionCompleted(OrchestrationRuntimeStatus.ContinuedAsNew, _continueAsNew.Value.Input, null),
            TaskStatus.RanToCompletion => new ExecutionCompleted(OrchestrationRuntimeStatus.Completed, OrchestrationJson.Serialize(_run.Result), null),
            _ => new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null,
                TaskFailureDetails.FromException(_run.Exception?.InnerException ?? new TaskCanceledException("The orchestrator was canceled."))),
        };
        Outcome = Outcome with { Timestamp = CurrentUtcDateTime };
        if (!_historyHasCompletion)
        {
            Append(Outcome);
        }
    }

    private void Append(HistoryEvent historyEvent) => _step.Add(historyEvent);

    // Issues an action: during replay it must match the record; otherwise it joins the current step.
    private void Issue(ActionEvent action)
    {
        if (_recordedActions.Remove(action.TaskId, out var recorded))
        {
            if (!SameAction(recorded, action))
            {
                NonDeterminism ??= $"NonDeterministic: the history records {Describe(recorded)} as task #{action.TaskId}, but on replay the orchestrator issued {Describe(action)}.";
            }

            return;
        }

        Append(action);
    }

    private static bool SameAction(ActionEvent recorded, ActionEvent issued) => (recorded, issued) switch
    {
        (TaskScheduled a, TaskScheduled b) => a.Name == b.Name,
        (SubOrchestrationCreated a, SubOrchestrationCreated b) => a.Name == b.Name && a.InstanceId == b.InstanceId,
        (TimerCreated, TimerCreated) => true,
        _ => false,
    };

    private static string Describe(ActionEvent action) => action switch
    {
        TaskScheduled task => $"CallActivity '{task.Name}'",
        SubOrchestrationCreated sub => $"CallSubOrchestrator '{sub.Name}' ('{sub.InstanceId}')",
        TimerCreated => "CreateTimer",
        _ => action.GetType().Name,
    };

    private void DeliverEvent(EventRaised raised)
    {
        if (_eventWaiters.TryGetValue(raised.Name, out var waiters) && waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value.TrySetResult(raised.Input);
            return;
        }

        if (!_bufferedEvents.TryGetValue(raised.Name, out var buffer))
        {
            _bufferedEvents[raised.Name] = buffer = new Queue<string?>();
        }

        buffer.Enqueue(raised.Input);
    }

    // ---- IOrchestrationContext ----

    public T? GetInput<T>() => OrchestrationJson.Deserialize<T>(Input);

    public Task<T> CallActivityAsync<T>(string name, object? input = null, RetryPolicy? retry = null) =>
        WithRetry(retry, () => ScheduleAsync<T>(id => new TaskScheduled(id, name, OrchestrationJson.Serialize(input)), name));

    public Task CallActivityAsync(string name, object? input = null, RetryPolicy? retry = null) =>
        CallActivityAsync<object>(name, input, retry);

    public Task<T> CallSubOrchestratorAsync<T>(string name, object? input = null, string? instanceId = null, RetryPolicy? retry = null) =>
        WithRetry(retry, () => ScheduleAsync<T>(
            id => new SubOrchestrationCreated(id, name, instanceId ?? $"{InstanceId}:{id}", OrchestrationJson.Serialize(input)), name));

    public Task CallSubOrchestratorAsync(string name, object? input = null, string? instanceId = null, RetryPolicy? retry = null) =>
        CallSubOrchestratorAsync<object>(name, input, instanceId, retry);

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken = default)
    {
        var id = _nextTaskId++;
        var timer = new TimerCreated(id, DateTime.SpecifyKind(fireAt, DateTimeKind.Utc)) { Timestamp = CurrentUtcDateTime };
        var pending = new PendingTask(timer, "timer");
        _pending[id] = pending;
        Issue(timer);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (_pending.Remove(id))
                {
                    pending.Source.TrySetCanceled(cancellationToken);
                }
            });
        }

        return pending.Source.Task;
    }

    public async Task<T> WaitForExternalEvent<T>(string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (_bufferedEvents.TryGetValue(name, out var buffer) && buffer.TryDequeue(out var buffered))
        {
            return OrchestrationJson.Deserialize<T>(buffered)!;
        }

        var waiter = new TaskCompletionSource<string?>();
        if (!_eventWaiters.TryGetValue(name, out var waiters))
        {
            _eventWaiters[name] = waiters = new LinkedList<TaskCompletionSource<string?>>();
        }

        var node = waiters.AddLast(waiter);
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var registration = cancellationToken.Register(() =>
        {
            if (node.List is not null)
            {
                waiters.Remove(node);
            }

            waiter.TrySetCanceled(cancellationToken);
        });
        if (timeout is { } limit)
        {
            var timer = CreateTimer(CurrentUtcDateTime + limit, stopWaiting.Token);
            var first = await Task.WhenAny(waiter.Task, timer);
            if (first == timer && !waiter.Task.IsCompleted)
            {
                if (node.List is not null)
                {
                    waiters.Remove(node);
                }

                await timer;
                throw new TimeoutException($"Event '{name}' was not raised within {limit}.");
            }

            // NOTE: Cancel, not CancelAsync: the timer must be abandoned on this thread, in order.
#pragma warning disable CA1849
            stopWaiting.Cancel();
#pragma warning restore CA1849
        }

        return OrchestrationJson.Deserialize<T>(await waiter.Task)!;
    }

    public void SetCustomStatus(object? status)
    {
        var json = OrchestrationJson.Serialize(status);
        if (json is not null && Encoding.UTF8.GetByteCount(json) > MaxCustomStatusBytes)
        {
            throw new ArgumentException($"The custom status is {Encoding.UTF8.GetByteCount(json)} bytes serialized; at most {MaxCustomStatusBytes} are allowed.", nameof(status));
        }

        CustomStatus = json;
    }

    public void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true) =>
        _continueAsNew = (OrchestrationJson.Serialize(newInput), preserveUnprocessedEvents);

    public Guid NewGuid()
    {
        // Name-based (version 5 style) from the instance id and a counter: the same on every replay.
        var name = Encoding.UTF8.GetBytes($"{InstanceId}#{_nextGuid++}");
        var hash = System.Security.Cryptography.SHA1.HashData(name);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private async Task<T> ScheduleAsync<T>(Func<int, ActionEvent> createAction, string name)
    {
        var id = _nextTaskId++;
        var action = createAction(id) with { Timestamp = CurrentUtcDateTime };
        var pending = new PendingTask(action, name);
        _pending[id] = pending;
        Issue(action);
        return OrchestrationJson.Deserialize<T>(await pending.Source.Task)!;
    }

    private async Task<T> WithRetry<T>(RetryPolicy? retry, Func<Task<T>> attempt)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException) when (retry is not null && number < retry.MaxNumberOfAttempts)
            {
                await CreateTimer(CurrentUtcDateTime + retry.DelayBefore(number + 1));
            }
        }
    }

    /// <summary>An action waiting for its completion event.</summary>
    private sealed class PendingTask(ActionEvent action, string name)
    {
        public ActionEvent Action { get; } = action;
        public TaskCompletionSource<string?> Source { get; } = new();

        public void Complete(CompletionEvent completion)
        {
            switch (completion)
            {
                case TaskCompleted done:
                    Source.TrySetResult(done.Result);
                    break;
                case SubOrchestrationCompleted done:
                    Source.TrySetResult(done.Result);
                    break;
                case TaskFailed failed:
                    Source.TrySetException(new TaskFailedException(name, Action.TaskId, failed.Failure));
                    break;
                case SubOrchestrationFailed failed:
                    Source.TrySetException(new TaskFailedException(name, Action.TaskId, failed.Failure));
                    break;
                case TimerFired:
                    Source.TrySetResult(null);
                    break;
            }
        }
    }
}
