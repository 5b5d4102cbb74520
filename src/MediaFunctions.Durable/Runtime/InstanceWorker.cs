using System.Collections.Concurrent;
using System.Diagnostics;
using MediaFunctions.Durable.Execution;
using MediaFunctions.Durable.History;
using MediaFunctions.Durable.Storage;
using MediaFunctions.Durable.Telemetry;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Durable.Runtime;

/// <summary>
/// Runs the steps of one instance, one at a time. A step takes the inbox messages and the
/// results that arrived in memory, advances the orchestrator, commits the step in one write,
/// and only then starts the work the step scheduled. Results held only in memory are lost with
/// the process; the activities that produced them simply run again when the instance reloads.
/// </summary>
internal sealed class InstanceWorker(string instanceId, int partition, DurableEngine engine)
{
    // At most this many inbox messages per step keeps a commit inside one batch transaction.
    private const int MaxMessagesPerStep = 90;
    private const int MaxMemoryEventsPerStep = 2000;

    private readonly ConcurrentQueue<(string ExecutionId, CompletionEvent Event)> _results = new();
    private readonly HashSet<int> _started = [];
    private int _running;
    // A worker without a loaded execution loads first anyway; this flag is for messages after that.
    private volatile bool _inboxDirty;
    private volatile bool _retired;
    private OrchestrationExecution? _execution;
    private InstanceSnapshot? _primed;
    private InstanceState? _state;
    private int _failedSteps;
    // The orchestration's span while it runs in this process (null without a listener): ended with the instance, or when
    // the worker retires (another process then opens its own under the same trace).
    private Activity? _span;

    public string InstanceId { get; } = instanceId;
    public int Partition { get; } = partition;
    public bool IsLoaded => _execution is not null;

    private bool HasWork => !_retired && (_inboxDirty || _execution is null || (_execution is { IsSuspended: false } && !_results.IsEmpty));

    /// <summary>Tells the worker that its inbox may have new messages.</summary>
    public void NotifyInbox()
    {
        _inboxDirty = true;
        Schedule();
    }

    /// <summary>Gives a worker its instance as just created, in place of its first load.</summary>
    public void Prime(InstanceSnapshot created)
    {
        Volatile.Write(ref _primed, created);
        Schedule();
    }

    /// <summary>Stops the worker for good: its partition moved, or the instance ended.</summary>
    public void Retire()
    {
        _retired = true;
        SetExecution(null);
        EndSpan(null);
    }

    /// <summary>Drops the loaded execution if the worker is idle; it replays from history when it wakes.</summary>
    public bool TryUnload()
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return false;
        }

        var unloaded = _execution is not null && _results.IsEmpty && !_inboxDirty;
        if (unloaded)
        {
            SetExecution(null);
            _inboxDirty = true;
        }

        Volatile.Write(ref _running, 0);
        return unloaded;
    }

    private void Deliver(string executionId, CompletionEvent result)
    {
        _results.Enqueue((executionId, result));
        Schedule();
    }

    private void Schedule()
    {
        if (!_retired && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        do
        {
            while (HasWork)
            {
                var delay = await RunStepAsync();
                if (delay is { } wait)
                {
                    Volatile.Write(ref _running, 0);
                    engine.Timers.Schedule(engine.UtcNow + wait, Schedule);
                    return;
                }
            }

            Volatile.Write(ref _running, 0);
        }
        while (HasWork && Interlocked.CompareExchange(ref _running, 1, 0) == 0);

        engine.OnWorkerIdle(this);
    }

    // Returns a delay when the step must be retried later (storage trouble).
    private async Task<TimeSpan?> RunStepAsync()
    {
        try
        {
            await StepAsync(engine.Stopping);
            _failedSteps = 0;
            return null;
        }
        catch (StoreConflictException)
        {
            Logs.StepConflict(engine.Logger, InstanceId);
            SetExecution(null);
            _inboxDirty = true;
            return ++_failedSteps > 3 ? TimeSpan.FromSeconds(1) : null;
        }
        catch (OperationCanceledException) when (engine.Stopping.IsCancellationRequested)
        {
            Retire();
            return null;
        }
        catch (Exception exception)
        {
            Logs.StepFailed(engine.Logger, InstanceId, exception);
            SetExecution(null);
            _inboxDirty = true;
            return TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(++_failedSteps, 7))));
        }
    }

    private async Task StepAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<InboxMessage> inbox = [];
        if (_execution is null || _state is null)
        {
            // A primed snapshot leaves the flag alone: messages sent after the creation are read next.
            var snapshot = Interlocked.Exchange(ref _primed, null);
            if (snapshot is null)
            {
                _inboxDirty = false;
                snapshot = await engine.Store.LoadAsync(InstanceId, cancellationToken);
            }

            if (snapshot is null || snapshot.State.Status.IsTerminal())
            {
                engine.RemoveWorker(this);
                return;
            }

            Load(snapshot);
            inbox = snapshot.Inbox;
        }
        else if (_inboxDirty)
        {
            _inboxDirty = false;
            inbox = await engine.Store.ReadInboxAsync(InstanceId, cancellationToken);
        }

        var execution = _execution!;
        var state = _state!;
        var consumed = new List<string>();
        var now = engine.UtcNow;
        execution.Process(new OrchestratorStarted { Timestamp = now > execution.CurrentUtcDateTime ? now : execution.CurrentUtcDateTime });
        foreach (var message in inbox)
        {
            if (execution.Outcome is not null || consumed.Count == MaxMessagesPerStep)
            {
                // Left for the next execution (ContinueAsNew) or the next step.
                _inboxDirty |= execution.Outcome is null;
                break;
            }

            if (execution.IsSuspended && message.Event is not (ExecutionResumed or ExecutionTerminated))
            {
                continue;
            }

            consumed.Add(message.Id);
            var wasSuspended = execution.IsSuspended;
            execution.Process(message.Event);
            // Messages skipped while suspended are read again once resumed.
            _inboxDirty |= wasSuspended && !execution.IsSuspended;
        }

        for (var taken = 0; taken < MaxMemoryEventsPerStep && execution is { Outcome: null, IsSuspended: false } && _results.TryDequeue(out var result); taken++)
        {
            if (result.ExecutionId == state.ExecutionId)
            {
                execution.Process(result.Event);
            }
        }

        if (_span is null && execution.HasStarted)
        {
            _span = DurableTelemetry.StartOrchestration(state.Name, InstanceId, execution.TraceParent);
        }

        var step = execution.TakeStep();
        if (execution.NonDeterminism is { } nonDeterminism)
        {
            var failure = new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null,
                new TaskFailureDetails(NonDeterministicOrchestrationException.ErrorType, nonDeterminism))
            { Timestamp = now };
            step.Add(failure);
            Logs.InstanceFailed(engine.Logger, InstanceId, nonDeterminism);
            await CommitAsync(execution, state, step, consumed, failure, cancellationToken);
            return;
        }

        // Only the step marker: nothing happened that needs recording.
        if (step.Count <= 1 && consumed.Count == 0 && execution.CustomStatus == state.CustomStatus && StatusOf(execution) == state.Status)
        {
            StartOutstandingWork(execution, state.ExecutionId);
            return;
        }

        await CommitAsync(execution, state, step, consumed, execution.Outcome, cancellationToken);
    }

    private void Load(InstanceSnapshot snapshot)
    {
        var state = snapshot.State;
        if (_state?.ExecutionId != state.ExecutionId)
        {
            _started.Clear();
        }

        var execution = new OrchestrationExecution(InstanceId, state.Name, engine.CreateOrchestrator(state.Name));
        execution.Replay(snapshot.History);
        SetExecution(execution);
        _state = state;
    }

    private void EndSpan(ExecutionCompleted? outcome)
    {
        var span = Interlocked.Exchange(ref _span, null);
        if (span is null)
        {
            return;
        }

        if (outcome is not null)
        {
            span.SetTag(DurableTelemetry.StatusTag, outcome.Status.ToString());
            if (outcome.Status != OrchestrationRuntimeStatus.Completed)
            {
                span.SetStatus(ActivityStatusCode.Error, outcome.Failure?.ErrorType);
            }
        }

        span.Stop();
    }

    // Keeps the engine's count of loaded executions exact.
    private void SetExecution(OrchestrationExecution? execution)
    {
        var wasLoaded = Interlocked.Exchange(ref _execution, execution) is not null;
        if (wasLoaded != (execution is not null))
        {
            engine.OnLoadedChanged(this, execution is not null);
        }
    }

    private static OrchestrationRuntimeStatus StatusOf(OrchestrationExecution execution) => execution switch
    {
        { Outcome: { } outcome } => outcome.Status,
        { IsSuspended: true } => OrchestrationRuntimeStatus.Suspended,
        { HasStarted: true } => OrchestrationRuntimeStatus.Running,
        _ => OrchestrationRuntimeStatus.Pending,
    };

    private async Task CommitAsync(OrchestrationExecution execution, InstanceState state, List<HistoryEvent> step, List<string> consumed, ExecutionCompleted? outcome, CancellationToken cancellationToken)
    {
        var now = engine.TimeProvider.GetUtcNow();
        InstanceCommit commit;
        if (outcome?.Status == OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            var started = new ExecutionStarted(state.Name, outcome.Result, execution.ParentInstanceId, execution.ParentTaskId)
            {
                Timestamp = now.UtcDateTime,
                TraceParent = execution.TraceParent,
            };
            List<HistoryEvent> fresh = [new OrchestratorStarted { Timestamp = now.UtcDateTime }, started];
            fresh.AddRange(execution.UnprocessedEvents.Select(e => e with { Timestamp = now.UtcDateTime }));
            commit = new InstanceCommit
            {
                State = state with
                {
                    ExecutionId = Guid.NewGuid().ToString("N"),
                    Status = OrchestrationRuntimeStatus.Running,
                    Input = outcome.Result,
                    Output = null,
                    Failure = null,
                    CustomStatus = execution.CustomStatus,
                    HistoryCount = fresh.Count,
                    LastUpdatedAt = now,
                },
                ExpectedETag = state.ETag!,
                NewEvents = fresh,
                ConsumedMessageIds = consumed,
                StartsNewExecution = true,
            };
        }
        else
        {
            commit = new InstanceCommit
            {
                State = state with
                {
                    Status = outcome?.Status ?? StatusOf(execution),
                    Output = outcome?.Result,
                    Failure = outcome?.Failure,
                    CustomStatus = execution.CustomStatus,
                    HistoryCount = state.HistoryCount + step.Count,
                    LastUpdatedAt = now,
                },
                ExpectedETag = state.ETag!,
                NewEvents = step,
                ConsumedMessageIds = consumed,
            };
        }

        var etag = await engine.Store.CommitAsync(commit, cancellationToken);
        _state = commit.State with { ETag = etag };

        if (commit.StartsNewExecution)
        {
            // The next step replays the new execution from the history just written.
            SetExecution(null);
            _started.Clear();
            return;
        }

        if (outcome is not null)
        {
            if (outcome.Status == OrchestrationRuntimeStatus.Failed)
            {
                Logs.InstanceFailed(engine.Logger, InstanceId, outcome.Failure?.ErrorMessage ?? "unknown error");
            }

            EndSpan(outcome);
            await engine.OnInstanceEndedAsync(this, _state, execution, outcome, cancellationToken);
            return;
        }

        StartOutstandingWork(execution, state.ExecutionId);
    }

    // Starts every recorded action that is not yet running in this process: new ones after a
    // commit, and after a reload the ones whose results were lost.
    private void StartOutstandingWork(OrchestrationExecution execution, string executionId)
    {
        if (execution.IsSuspended)
        {
            return;
        }

        foreach (var action in execution.OutstandingActions)
        {
            lock (_started)
            {
                if (!_started.Add(action.TaskId))
                {
                    continue;
                }
            }

            switch (action)
            {
                case TaskScheduled task:
                    engine.Activities.Enqueue(new ActivityWorkItem(InstanceId, task, _span?.Context ?? default, result => Deliver(executionId, result)));
                    break;
                case TimerCreated timer:
                    engine.Timers.Schedule(timer.FireAt, () => Deliver(executionId, new TimerFired(timer.TaskId, timer.FireAt) { Timestamp = engine.UtcNow }));
                    break;
                case SubOrchestrationCreated child:
                    _ = StartChildAsync(child, executionId);
                    break;
            }
        }
    }

    private async Task StartChildAsync(SubOrchestrationCreated child, string executionId)
    {
        try
        {
            var finished = await engine.StartChildAsync(InstanceId, child, _span?.Id, engine.Stopping);
            if (finished is not null)
            {
                Deliver(executionId, finished);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Tried again when the instance next loads.
            Logs.StepFailed(engine.Logger, InstanceId, exception);
            lock (_started)
            {
                _started.Remove(child.TaskId);
            }
        }
    }
}
