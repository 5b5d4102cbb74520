using MediaFunctions.Durable.Execution;
using MediaFunctions.Durable.History;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Durable.Tests.Execution;

public class OrchestrationExecutionTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    // Races two activities; returns the name of the first to finish.
    private sealed class RaceOrchestrator : IOrchestrator
    {
        public async Task<object?> RunAsync(IOrchestrationContext context)
        {
            var a = context.CallActivityAsync<string>("A");
            var b = context.CallActivityAsync<string>("B");
            var winner = await Task.WhenAny(a, b);
            var second = await context.CallActivityAsync<string>("After", await winner);
            return $"{await winner}/{second}";
        }
    }

    private sealed class DelegateOrchestrator(Func<IOrchestrationContext, Task<object?>> run) : IOrchestrator
    {
        public Task<object?> RunAsync(IOrchestrationContext context) => run(context);
    }

    private static OrchestrationExecution NewExecution(IOrchestrator orchestrator) => new("i1", "Test", orchestrator);

    private static List<HistoryEvent> RunSteps(OrchestrationExecution execution, params HistoryEvent[][] steps)
    {
        var history = new List<HistoryEvent>();
        var clock = Start;
        foreach (var step in steps)
        {
            execution.Process(new OrchestratorStarted { Timestamp = clock = clock.AddSeconds(1) });
            foreach (var e in step)
            {
                execution.Process(e);
            }

            history.AddRange(execution.TakeStep());
        }

        return history;
    }

    [Fact]
    public void Replay_WhenAnyWinner_IsTheRecordedOneNotTheFirstScheduled()
    {
        var first = NewExecution(new RaceOrchestrator());
        var history = RunSteps(first,
            [new ExecutionStarted("Test", null)],
            [new TaskCompleted(1, "\"B\"")],
            [new TaskCompleted(0, "\"A\"")],
            [new TaskCompleted(2, "\"after-B\"")]);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, first.Outcome?.Status);
        Assert.Equal("\"B/after-B\"", first.Outcome?.Result);
        Assert.Equal("B", Assert.IsType<TaskScheduled>(history.OfType<TaskScheduled>().Single(t => t.TaskId == 2)).Input?.Trim('"'));

        // A fresh execution replaying the history up to (not including) the end takes the same path.
        var replayed = NewExecution(new RaceOrchestrator());
        replayed.Replay(history.Where(e => e is not ExecutionCompleted).ToList());
        Assert.Null(replayed.NonDeterminism);
        Assert.Equal("\"B/after-B\"", replayed.Outcome?.Result);
        // Nothing but the end is new: every action was matched against the record.
        Assert.IsType<ExecutionCompleted>(Assert.Single(replayed.TakeStep()));
    }

    [Fact]
    public void Replay_RecordedActions_AreNotIssuedAgain()
    {
        var first = NewExecution(new RaceOrchestrator());
        var history = RunSteps(first, [new ExecutionStarted("Test", null)]);
        Assert.Equal(2, history.OfType<TaskScheduled>().Count());

        var replayed = NewExecution(new RaceOrchestrator());
        replayed.Replay(history);
        Assert.Empty(replayed.TakeStep());
        Assert.Equal([0, 1], replayed.OutstandingActions.Select(a => a.TaskId).Order());
        Assert.True(replayed.IsReplaying is false);
    }

    [Fact]
    public void Replay_DifferentActivityName_ReportsNonDeterminismNamingBoth()
    {
        var history = RunSteps(NewExecution(new DelegateOrchestrator(async c => await c.CallActivityAsync<int>("Original"))),
            [new ExecutionStarted("Test", null)]);

        var changed = NewExecution(new DelegateOrchestrator(async c => await c.CallActivityAsync<int>("Renamed")));
        changed.Replay(history);

        Assert.NotNull(changed.NonDeterminism);
        Assert.StartsWith("NonDeterministic", changed.NonDeterminism);
        Assert.Contains("'Original'", changed.NonDeterminism);
        Assert.Contains("'Renamed'", changed.NonDeterminism);
    }

    [Fact]
    public void Replay_ActionMissingFromCode_ReportsNonDeterminism()
    {
        var history = RunSteps(NewExecution(new DelegateOrchestrator(async c => await c.CallActivityAsync<int>("Original"))),
            [new ExecutionStarted("Test", null)]);

        var changed = NewExecution(new DelegateOrchestrator(c => c.WaitForExternalEvent<object?>("never")));
        changed.Replay(history);

        Assert.Contains("never issued", changed.NonDeterminism);
        Assert.Contains("'Original'", changed.NonDeterminism);
    }

    [Fact]
    public void Replay_TimerInsteadOfActivity_ReportsNonDeterminism()
    {
        var history = RunSteps(NewExecution(new DelegateOrchestrator(async c => await c.CallActivityAsync<int>("Work"))),
            [new ExecutionStarted("Test", null)]);

        var changed = NewExecution(new DelegateOrchestrator(async c => { await c.CreateTimer(c.CurrentUtcDateTime.AddMinutes(1)); return null; }));
        changed.Replay(history);

        Assert.Contains("CreateTimer", changed.NonDeterminism);
    }

    [Fact]
    public void ExternalEvent_RaisedBeforeWait_IsBuffered()
    {
        var execution = NewExecution(new DelegateOrchestrator(async c =>
        {
            await c.CreateTimer(c.CurrentUtcDateTime.AddSeconds(5));
            return await c.WaitForExternalEvent<string>("go");
        }));
        RunSteps(execution,
            [new ExecutionStarted("Test", null)],
            [new EventRaised("go", "\"early\"")],
            [new TimerFired(0, Start.AddSeconds(6))]);

        Assert.Equal("\"early\"", execution.Outcome?.Result);
    }

    [Fact]
    public void ExternalEvent_TimeoutFirst_ThrowsTimeoutInsideOrchestrator()
    {
        var execution = NewExecution(new DelegateOrchestrator(async c =>
        {
            try
            {
                return await c.WaitForExternalEvent<string>("go", TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                return "timed out";
            }
        }));
        var history = RunSteps(execution, [new ExecutionStarted("Test", null)], [new TimerFired(0, Start.AddSeconds(31))]);

        Assert.Equal("\"timed out\"", execution.Outcome?.Result);
        Assert.Single(history.OfType<TimerCreated>());
    }

    [Fact]
    public void ExternalEvent_ArrivesBeforeTimeout_AbandonsTheTimer()
    {
        var execution = NewExecution(new DelegateOrchestrator(async c => await c.WaitForExternalEvent<string>("go", TimeSpan.FromSeconds(30))));
        RunSteps(execution, [new ExecutionStarted("Test", null)], [new EventRaised("GO", "\"data\"")]);

        Assert.Equal("\"data\"", execution.Outcome?.Result);
        // The late timer no longer applies.
        Assert.False(execution.Process(new TimerFired(0, Start.AddSeconds(31))));
    }

    [Fact]
    public void CallActivity_WithRetry_RetriesAfterBackoffTimer()
    {
        var retry = new RetryPolicy(3, TimeSpan.FromSeconds(10), backoffCoefficient: 2);
        var execution = NewExecution(new DelegateOrchestrator(async c => await c.CallActivityAsync<int>("Flaky", null, retry)));
        var failure = new TaskFailureDetails("System.IO.IOException", "disk");
        var history = RunSteps(execution,
            [new ExecutionStarted("Test", null)],
            [new TaskFailed(0, failure)],
            [new TimerFired(1, Start.AddSeconds(12))],
            [new TaskFailed(2, failure)],
            [new TimerFired(3, Start.AddSeconds(40))],
            [new TaskCompleted(4, "7")]);

        Assert.Equal("7", execution.Outcome?.Result);
        var timers = history.OfType<TimerCreated>().ToList();
        Assert.Equal(2, timers.Count);
        Assert.Equal(TimeSpan.FromSeconds(10), timers[0].FireAt - Start.AddSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(20), timers[1].FireAt - Start.AddSeconds(4));
    }

    [Fact]
    public void CallActivity_RetriesExhausted_FailsWithTaskFailure()
    {
        var retry = new RetryPolicy(2, TimeSpan.FromSeconds(1));
        var execution = NewExecution(new DelegateOrchestrator(async c => await c.CallActivityAsync<int>("Flaky", null, retry)));
        var failure = new TaskFailureDetails("System.IO.IOException", "disk full");
        RunSteps(execution,
            [new ExecutionStarted("Test", null)],
            [new TaskFailed(0, failure)],
            [new TimerFired(1, Start.AddSeconds(3))],
            [new TaskFailed(2, failure)]);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, execution.Outcome?.Status);
        Assert.Contains("disk full", execution.Outcome?.Failure?.ErrorMessage);
        Assert.Contains("Flaky", execution.Outcome?.Failure?.ErrorMessage);
    }

    [Fact]
    public void SetCustomStatus_Over16KB_FailsTheOrchestrationWithClearMessage()
    {
        var execution = NewExecution(new DelegateOrchestrator(c =>
        {
            c.SetCustomStatus(new string('x', 17 * 1024));
            return Task.FromResult<object?>(null);
        }));
        RunSteps(execution, [new ExecutionStarted("Test", null)]);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, execution.Outcome?.Status);
        Assert.Contains("at most 16384", execution.Outcome?.Failure?.ErrorMessage);
    }

    [Fact]
    public void CurrentUtcDateTime_IsTheStepTime_AndNewGuidIsStableAcrossReplay()
    {
        var seen = new List<(DateTime, Guid)>();
        IOrchestrator Make() => new DelegateOrchestrator(async c =>
        {
            seen.Add((c.CurrentUtcDateTime, c.NewGuid()));
            await c.CallActivityAsync("Step");
            seen.Add((c.CurrentUtcDateTime, c.NewGuid()));
            return null;
        });
        var history = RunSteps(NewExecution(Make()), [new ExecutionStarted("Test", null)], [new TaskCompleted(0, null)]);
        var firstRun = seen.ToList();
        seen.Clear();

        NewExecution(Make()).Replay(history);

        Assert.Equal(firstRun, seen);
        Assert.NotEqual(firstRun[0].Item1, firstRun[1].Item1);
        Assert.NotEqual(firstRun[0].Item2, firstRun[1].Item2);
    }

    [Fact]
    public void Terminate_EndsWithReasonAsOutput()
    {
        var execution = NewExecution(new DelegateOrchestrator(c => c.WaitForExternalEvent<object?>("never")));
        RunSteps(execution, [new ExecutionStarted("Test", null)], [new ExecutionTerminated("stop it")]);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, execution.Outcome?.Status);
        Assert.Equal("\"stop it\"", execution.Outcome?.Result);
    }
}
