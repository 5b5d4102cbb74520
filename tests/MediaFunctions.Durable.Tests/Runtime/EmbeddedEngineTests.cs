using MediaFunctions.Durable.Diagnostics;
using MediaFunctions.Durable.Storage;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MediaFunctions.Durable.Tests.Runtime;

/// <summary>The engine's guarantees, end to end in this process, over each store.</summary>
public abstract class EmbeddedEngineTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Within(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    /// <summary>A new, empty store whose leases expire by <paramref name="timeProvider"/>.</summary>
    protected abstract Task<IOrchestrationStore> CreateStoreAsync(TimeProvider timeProvider);

    private async Task<EngineHost> StartAsync(Action<IServiceCollection>? register = null, IOrchestrationStore? store = null, Dictionary<string, string?>? settings = null,
        TimeProvider? clock = null) =>
        await EngineHost.StartAsync(store ?? await CreateStoreAsync(clock ?? TimeProvider.System), register ?? (_ => { }), settings, clock);

    [Fact]
    public async Task Chain_TwentyActivities_CompletesWithTheirSum()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(DiagnosticWorkflows.Chain, 20);

        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Within());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(20, done.ReadOutputAs<int>());
        var history = await host.Client.GetInstanceHistoryAsync(id);
        Assert.Equal(20, history.Count(e => e.EventType == "TaskCompleted"));
    }

    [Fact]
    public async Task FanOut_ThousandActivities_FansInEveryResult()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(DiagnosticWorkflows.FanOut, 1000);

        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Within(60));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Enumerable.Range(0, 1000).Sum(), done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task ActivityConcurrency_IsCappedByMaxConcurrentActivities()
    {
        var running = 0;
        var peak = 0;
        await using var host = await StartAsync(services =>
        {
            services.AddActivity("Slow", async (_, token) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref peak, now);
                await Task.Delay(50, token);
                Interlocked.Decrement(ref running);
                return null;
            });
            services.AddOrchestrator("Wide", async c =>
            {
                await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => c.CallActivityAsync("Slow")));
                return null;
            });
        }, settings: new() { ["Durable:MaxConcurrentActivities"] = "3" });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wide");
        await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Within());

        Assert.Equal(3, peak);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    [Fact]
    public async Task SubOrchestrator_ResultAndFailure_ReachTheParent()
    {
        await using var host = await StartAsync(services =>
        {
            services.AddOrchestrator("Child", c => c.GetInput<int>() < 0
                ? Task.FromException<object?>(new InvalidOperationException("negative input"))
                : Task.FromResult<object?>(c.GetInput<int>() * 2));
            services.AddOrchestrator("Parent", async c =>
            {
                var doubled = await c.CallSubOrchestratorAsync<int>("Child", 21);
                try
                {
                    await c.CallSubOrchestratorAsync<int>("Child", -1);
                    return "no failure";
                }
                catch (TaskFailedException failed)
                {
                    return $"{doubled}:{failed.FailureDetails.ErrorMessage}";
                }
            });
        });
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent");

        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Within());

        Assert.Equal("42:negative input", done.ReadOutputAs<string>());
        var child = await host.Client.GetInstanceAsync($"{id}:0", true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child?.RuntimeStatus);
    }

    [Fact]
    public async Task Timer_FiresNoSoonerThanItsTime()
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartAsync(clock: clock);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(DiagnosticWorkflows.Timer, 1.0);
        await WaitForHistoryAsync(host.Client, id, "TimerCreated");

        // A timer that fired early would be delivered here, stamped with the clock's time then.
        clock.Advance(TimeSpan.FromMilliseconds(999));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Within());

        Assert.Equal("done", done.ReadOutputAs<string>());
        var history = await host.Client.GetInstanceHistoryAsync(id);
        Assert.Equal(Start.AddSeconds(1).UtcDateTime, Assert.Single(history, e => e.EventType == "TimerCreated").FireAt);
        Assert.Equal(Start.AddSeconds(1), Assert.Single(history, e => e.EventType == "TimerFired").Timestamp);
    }

    [Fact]
    public async Task ExternalEvents_RaisedBeforeAndAfterTheWait_AreBothDelivered()
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartAsync(services => services.AddOrchestrator("TwoEvents", async c =>
        {
            await c.CreateTimer(c.CurrentUtcDateTime.AddSeconds(1));
            var first = await c.WaitForExternalEvent<string>("first");
            c.SetCustomStatus("waiting for second");
            var second = await c.WaitForExternalEvent<string>("second");
            return first + second;
        }), clock: clock);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TwoEvents");

        // The clock stands still, so the orchestration is still on its timer when the first event arrives.
        await host.Client.RaiseEventAsync(id, "first", "early-");
        await WaitForHistoryAsync(host.Client, id, "EventRaised");
        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForStatusAsync(host.Client, id, m => m.ReadCustomStatusAs<string>() == "waiting for second");
        await host.Client.RaiseEventAsync(id, "second", "late");

        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Within());

        Assert.Equal("early-late", done.ReadOutputAs<string>());
        Assert.Equal(["EventRaised", "TimerFired", "EventRaised"],
            (await host.Client.GetInstanceHistoryAsync(id)).Select(e => e.EventType).Where(type => type is "EventRaised" or "TimerFired"));
    }

    [Fact]
    public async Task Suspend_SuspendedInstanceRunsNothingUntilResumed()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(DiagnosticWorkflows.WaitForEvent);
        await WaitForStatusAsync(host.Client, id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await host.Client.SuspendInstanceAsync(id, "maintenance");
        await WaitForStatusAsync(host.Client, id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "go", "payload");
        await host.Client.ResumeInstanceAsync(id);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Within());

        Assert.Equal("payload", done.ReadOutputAs<string>());
        // History is in the order the engine took things: the event that came while suspended waited for the resume.
        Assert.Equal(["ExecutionSuspended", "ExecutionResumed", "EventRaised", "ExecutionCompleted"],
            (await host.Client.GetInstanceHistoryAsync(id)).Select(e => e.EventType)
                .Where(type => type is "ExecutionSuspended" or "ExecutionResumed" or "EventRaised" or "ExecutionCompleted"));
    }

    [Fact]
    public async Task Terminate_RunningInstance_EndsTerminatedWithTheReason()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(DiagnosticWorkflows.WaitForEvent);

        await host.Client.TerminateInstanceAsync(id, "user cancelled");
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Within());

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("user cancelled", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminate_CancelsTheInstancesRunningActivities()
    {
        var cancelled = new TaskCompletionSource();
        await using var host = await StartAsync(services =>
        {
            services.AddActivity("Endless", async (_, token) =>
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                catch (OperationCanceledException)
                {
                    cancelled.TrySetResult();
                    throw;
                }

                return null;
            });
            services.AddOrchestrator("RunsForever", async c =>
            {
                await c.CallActivityAsync("Endless");
                return null;
            });
        });
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("RunsForever");
        await WaitForStatusAsync(host.Client, id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await host.Client.TerminateInstanceAsync(id, "stop");

        await cancelled.Task.WaitAsync(Within());
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Within())).RuntimeStatus);
    }

    [Fact]
    public async Task Purge_RemovesFinishedInstance_ButNotARunningOne()
    {
        await using var host = await StartAsync();
        var finished = await host.Client.ScheduleNewOrchestrationInstanceAsync(DiagnosticWorkflows.Echo, "x");
        await host.Client.WaitForInstanceCompletionAsync(finished, cancellationToken: Within());
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync(DiagnosticWorkflows.WaitForEvent);

        Assert.True(await host.Client.PurgeInstanceAsync(finished));
        Assert.False(await host.Client.PurgeInstanceAsync(running));
        Assert.False(await host.Client.PurgeInstanceAsync("no-such-instance"));

        Assert.Null(await host.Client.GetInstanceAsync(finished));
        Assert.Empty(await host.Client.GetInstanceHistoryAsync(finished));
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task ContinueAsNew_RestartsWithTheNewInputAndAFreshHistory()
    {
        await using var host = await StartAsync(services => services.AddOrchestrator("CountTo5", async c =>
        {
            var n = c.GetInput<int>();
            if (n >= 5)
            {
                return n;
            }

            await c.CallActivityAsync<int>(DiagnosticWorkflows.Add, new DiagnosticWorkflows.AddInput(n, 1));
            c.ContinueAsNew(n + 1);
            return null;
        }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CountTo5", 0);

        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Within());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(5, done.ReadOutputAs<int>());
        Assert.DoesNotContain(await host.Client.GetInstanceHistoryAsync(id), e => e.EventType == "TaskScheduled");
    }

    [Fact]
    public async Task Schedule_UnknownOrchestratorOrTakenId_IsRefused()
    {
        await using var host = await StartAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Nope"));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync(DiagnosticWorkflows.Echo, null, new StartOrchestrationOptions("a/b")));

        await host.Client.ScheduleNewOrchestrationInstanceAsync(DiagnosticWorkflows.WaitForEvent, null, new StartOrchestrationOptions("fixed"));
        await Assert.ThrowsAsync<InstanceExistsException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync(DiagnosticWorkflows.WaitForEvent, null, new StartOrchestrationOptions("fixed")));
    }

    [Fact]
    public async Task Query_FiltersByStatusAndPrefix_AndPages()
    {
        await using var host = await StartAsync();
        for (var i = 0; i < 7; i++)
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync(DiagnosticWorkflows.Echo, i, new StartOrchestrationOptions($"done-{i}"));
        }

        for (var i = 0; i < 3; i++)
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync(DiagnosticWorkflows.WaitForEvent, null, new StartOrchestrationOptions($"wait-{i}"));
        }

        for (var i = 0; i < 7; i++)
        {
            await host.Client.WaitForInstanceCompletionAsync($"done-{i}", cancellationToken: Within());
        }

        var ids = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await host.Client.QueryInstancesAsync(new InstanceQuery
            {
                Statuses = [OrchestrationRuntimeStatus.Completed],
                InstanceIdPrefix = "done-",
                PageSize = 3,
                ContinuationToken = token,
            });
            ids.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"done-{i}").Order(), ids.Order());
        Assert.True(pages >= 3);
        var waiting = await host.Client.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = "wait-" });
        Assert.Equal(3, waiting.Instances.Count);
    }

    [Fact]
    public async Task Restart_UnfinishedInstancesResumeTimersAndActivities()
    {
        var store = await CreateStoreAsync(TimeProvider.System);
        string timerId, chainId, eventId;
        await using (var first = await StartAsync(store: store))
        {
            timerId = await first.Client.ScheduleNewOrchestrationInstanceAsync(DiagnosticWorkflows.Timer, 1.5);
            chainId = await first.Client.ScheduleNewOrchestrationInstanceAsync(DiagnosticWorkflows.Chain, 50);
            eventId = await first.Client.ScheduleNewOrchestrationInstanceAsync(DiagnosticWorkflows.WaitForEvent);
            await WaitForStatusAsync(first.Client, timerId, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        }

        await using var second = await StartAsync(store: store);
        await second.Client.RaiseEventAsync(eventId, "go", "after restart");

        Assert.Equal("done", (await second.Client.WaitForInstanceCompletionAsync(timerId, true, Within())).ReadOutputAs<string>());
        Assert.Equal(50, (await second.Client.WaitForInstanceCompletionAsync(chainId, true, Within())).ReadOutputAs<int>());
        Assert.Equal("after restart", (await second.Client.WaitForInstanceCompletionAsync(eventId, true, Within())).ReadOutputAs<string>());
    }

    [Fact]
    public async Task CodeChangedUnderARunningInstance_FailsItAsNonDeterministic()
    {
        var store = await CreateStoreAsync(TimeProvider.System);
        string id;
        await using (var v1 = await StartAsync(services => services.AddOrchestrator("Versioned", async c =>
        {
            await c.CallActivityAsync(DiagnosticWorkflows.Add, new DiagnosticWorkflows.AddInput(1, 1));
            return await c.WaitForExternalEvent<string>("go");
        }), store))
        {
            id = await v1.Client.ScheduleNewOrchestrationInstanceAsync("Versioned");
            await WaitForHistoryAsync(v1.Client, id, "TaskCompleted");
        }

        await using var v2 = await StartAsync(services => services.AddOrchestrator("Versioned", async c =>
        {
            await c.CreateTimer(c.CurrentUtcDateTime.AddSeconds(1));
            return await c.WaitForExternalEvent<string>("go");
        }), store);
        await v2.Client.RaiseEventAsync(id, "go", "x");

        var done = await v2.Client.WaitForInstanceCompletionAsync(id, true, Within());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal("NonDeterministic", done.FailureDetails?.ErrorType);
        Assert.Contains($"CallActivity '{DiagnosticWorkflows.Add}'", done.FailureDetails?.ErrorMessage);
        Assert.Contains("CreateTimer", done.FailureDetails?.ErrorMessage);
    }

    [Fact]
    public async Task EvictedInstances_ReplayFromHistory_WithTheSameResults()
    {
        await using var host = await StartAsync(services => services.AddOrchestrator("StepsThenEvent", async c =>
        {
            var sum = 0;
            for (var i = 0; i < 3; i++)
            {
                sum = await c.CallActivityAsync<int>(DiagnosticWorkflows.Add, new DiagnosticWorkflows.AddInput(sum, i));
            }

            return $"{sum}:{await c.WaitForExternalEvent<string>("go")}:{c.NewGuid()}";
        }), settings: new() { ["Durable:MaxLoadedOrchestrations"] = "1" });
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync("StepsThenEvent"));
        }

        // Each waits for its event once its three steps are in; by then at most one of them stays loaded.
        foreach (var id in ids)
        {
            await WaitForHistoryAsync(host.Client, id, "TaskCompleted", count: 3);
        }

        foreach (var id in ids)
        {
            await host.Client.RaiseEventAsync(id, "go", id);
        }

        foreach (var id in ids)
        {
            var output = (await host.Client.WaitForInstanceCompletionAsync(id, true, Within())).ReadOutputAs<string>();
            Assert.StartsWith($"3:{id}:", output);
        }
    }

    internal static async Task<OrchestrationMetadata> WaitForStatusAsync(IOrchestrationClient client, string id, Func<OrchestrationMetadata, bool> condition)
    {
        var token = Within();
        while (true)
        {
            if (await client.GetInstanceAsync(id, true, token) is { } metadata && condition(metadata))
            {
                return metadata;
            }

            await Task.Delay(20, token);
        }
    }

    /// <summary>Polls until the instance's history holds <paramref name="count"/> events of <paramref name="eventType"/>.</summary>
    private static async Task WaitForHistoryAsync(IOrchestrationClient client, string id, string eventType, int count = 1)
    {
        var token = Within();
        while ((await client.GetInstanceHistoryAsync(id, token)).Count(e => e.EventType == eventType) < count)
        {
            await Task.Delay(20, token);
        }
    }
}
