using MediaFunctions.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MediaFunctions.Testing.Runtimes;

/// <summary>
/// What the core's orchestrators rely on from <see cref="IOrchestrationContext"/> and <see cref="IOrchestrationClient"/>,
/// the same cases on each runtime: the embedded engine, and the Functions app's adapters over the Durable Task SDK.
/// </summary>
public abstract class OrchestrationRuntimeContract
{
    private static CancellationToken Within(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    /// <summary>Starts the runtime with the workflows <paramref name="register"/> adds.</summary>
    protected abstract Task<IOrchestrationRuntime> StartAsync(Action<IServiceCollection> register);

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static void AddWaiter(IServiceCollection services) =>
        services.AddOrchestrator("Waiter", async context =>
        {
            context.SetCustomStatus(new { waiting = "go" });
            return "got " + await context.WaitForExternalEvent<string>("go");
        });

    [Fact]
    public async Task Schedule_WithId_GetShowsInputAndOutputOnlyWhenAsked()
    {
        await using var runtime = await StartAsync(services => services.AddOrchestrator("Echo", context => Task.FromResult<object?>(context.GetInput<string>() + "!")));
        var id = NewId("echo");

        Assert.Equal(id, await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "hello", new StartOrchestrationOptions(id)));
        var done = await runtime.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Within());
        var bare = await runtime.Client.GetInstanceAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(("Echo", "hello", "hello!"), (done.Name, done.ReadInputAs<string>(), done.ReadOutputAs<string>()));
        Assert.NotNull(bare);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, bare.RuntimeStatus);
        Assert.Null(bare.SerializedInput);
        Assert.Null(bare.SerializedOutput);
        Assert.Null(await runtime.Client.GetInstanceAsync(NewId("nobody")));
    }

    [Fact]
    public async Task Schedule_IdOfALiveInstance_Refused()
    {
        await using var runtime = await StartAsync(AddWaiter);
        var id = await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions(NewId("live")));

        await Assert.ThrowsAsync<InstanceExistsException>(() => runtime.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions(id)));
        await runtime.Client.RaiseEventAsync(id, "go", "it");
        Assert.Equal("got it", (await runtime.Client.WaitForInstanceCompletionAsync(id, true, Within())).ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_WithTimeout_TheEventOrTheDurableTimerWins()
    {
        await using var runtime = await StartAsync(services => services.AddOrchestrator("Race", async context =>
        {
            try
            {
                return "event " + await context.WaitForExternalEvent<string>("go", TimeSpan.FromSeconds(context.GetInput<double>()));
            }
            catch (TimeoutException)
            {
                return "timed out";
            }
        }));
        var patient = await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Race", 60.0);
        var hasty = await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Race", 0.5);

        await WaitForStatusAsync(runtime.Client, patient, OrchestrationRuntimeStatus.Running);
        await runtime.Client.RaiseEventAsync(patient, "go", "first");

        Assert.Equal("event first", (await runtime.Client.WaitForInstanceCompletionAsync(patient, true, Within())).ReadOutputAs<string>());
        Assert.Equal("timed out", (await runtime.Client.WaitForInstanceCompletionAsync(hasty, true, Within())).ReadOutputAs<string>());
    }

    [Fact]
    public async Task CallActivity_FailsTwiceWithARetryPolicy_TheThirdAttemptsResult()
    {
        var attempts = 0;
        await using var runtime = await StartAsync(services =>
        {
            services.AddActivity("Flaky", (_, _) => Interlocked.Increment(ref attempts) < 3
                ? throw new InvalidOperationException("not yet")
                : Task.FromResult<object?>(attempts));
            services.AddOrchestrator("Retrying", async context =>
                await context.CallActivityAsync<int>("Flaky", retry: new RetryPolicy(3, TimeSpan.FromMilliseconds(100))));
        });
        var id = await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Retrying");

        var done = await runtime.Client.WaitForInstanceCompletionAsync(id, true, Within());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task CallActivity_Fails_TaskFailedExceptionWithTheActivitysErrorAndAnUncaughtOneFailsTheInstance()
    {
        await using var runtime = await StartAsync(services =>
        {
            services.AddActivity("Broken", (_, _) => throw new FormatException("bad bytes"));
            services.AddOrchestrator("Catching", async context =>
            {
                try
                {
                    await context.CallActivityAsync("Broken");
                    return "no failure";
                }
                catch (TaskFailedException failed)
                {
                    return $"{failed.TaskName}|{failed.FailureDetails.ErrorType}|{failed.FailureDetails.ErrorMessage}";
                }
            });
            services.AddOrchestrator("Throwing", async context =>
            {
                await context.CallActivityAsync("Broken");
                return null;
            });
        });
        var caught = await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Catching");
        var uncaught = await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Throwing");

        Assert.Equal($"Broken|{typeof(FormatException).FullName}|bad bytes", (await runtime.Client.WaitForInstanceCompletionAsync(caught, true, Within())).ReadOutputAs<string>());
        var failed = await runtime.Client.WaitForInstanceCompletionAsync(uncaught, true, Within());
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Contains("bad bytes", failed.FailureDetails?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContinueAsNew_RestartsWithTheNewInputUntilDone()
    {
        await using var runtime = await StartAsync(services => services.AddOrchestrator("Counter", async context =>
        {
            var count = context.GetInput<int>();
            await context.CallActivityAsync("Tick");
            if (count < 3)
            {
                context.ContinueAsNew(count + 1);
                return null;
            }

            return count;
        }).AddActivity("Tick", (_, _) => Task.FromResult<object?>(null)));
        var id = await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);

        var done = await runtime.Client.WaitForInstanceCompletionAsync(id, true, Within());

        Assert.Equal((OrchestrationRuntimeStatus.Completed, 3), (done.RuntimeStatus, done.ReadOutputAs<int>()));
    }

    [Fact]
    public async Task SubOrchestrator_WithId_ItsResultReachesTheParent()
    {
        await using var runtime = await StartAsync(services => services
            .AddOrchestrator("Child", context => Task.FromResult<object?>(context.GetInput<int>() * 2))
            .AddOrchestrator("Parent", async context => await context.CallSubOrchestratorAsync<int>("Child", 21, context.InstanceId + "-child")));
        var id = await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Parent");

        var done = await runtime.Client.WaitForInstanceCompletionAsync(id, true, Within());

        Assert.Equal(42, done.ReadOutputAs<int>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await runtime.Client.GetInstanceAsync(id + "-child"))?.RuntimeStatus);
    }

    [Fact]
    public async Task SuspendAndResume_SuspendedInstanceKeepsItsEventUntilResumed()
    {
        await using var runtime = await StartAsync(AddWaiter);
        var id = await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await WaitForStatusAsync(runtime.Client, id, OrchestrationRuntimeStatus.Running);

        await runtime.Client.SuspendInstanceAsync(id, "hold on");
        await WaitForStatusAsync(runtime.Client, id, OrchestrationRuntimeStatus.Suspended);
        await runtime.Client.RaiseEventAsync(id, "go", "later");
        var whileSuspended = await runtime.Client.GetInstanceAsync(id);
        await runtime.Client.ResumeInstanceAsync(id, "go on");
        var done = await runtime.Client.WaitForInstanceCompletionAsync(id, true, Within());

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, whileSuspended?.RuntimeStatus);
        Assert.Equal("got later", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminateAndPurge_RunningInstanceEndsTerminatedAndOnlyAFinishedOneIsPurged()
    {
        await using var runtime = await StartAsync(AddWaiter);
        var id = await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await WaitForStatusAsync(runtime.Client, id, OrchestrationRuntimeStatus.Running);

        var purgedWhileRunning = await runtime.Client.PurgeInstanceAsync(id);
        var status = await runtime.Client.GetInstanceAsync(id);
        await runtime.Client.TerminateInstanceAsync(id, "enough");
        var terminated = await runtime.Client.WaitForInstanceCompletionAsync(id, true, Within());
        var purged = await runtime.Client.PurgeInstanceAsync(id);

        Assert.False(purgedWhileRunning);
        Assert.Equal(("Waiter", "go"), (status?.Name, System.Text.Json.JsonDocument.Parse(status!.SerializedCustomStatus!).RootElement.GetProperty("waiting").GetString()));
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.True(purged);
        Assert.Null(await runtime.Client.GetInstanceAsync(id));
        Assert.False(await runtime.Client.PurgeInstanceAsync(id));
        // A message to an instance that is gone is dropped, not kept for an instance that never comes.
        await runtime.Client.RaiseEventAsync(id, "go", "late");
        Assert.Null(await runtime.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task Query_ByStatusPrefixAndCreatedTime_PagesThroughTheMatches()
    {
        await using var runtime = await StartAsync(services => AddWaiter(services.AddOrchestrator("Quick", _ => Task.FromResult<object?>("done"))));
        var prefix = NewId("query") + "-";
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var quick = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            quick.Add(await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Quick", null, new StartOrchestrationOptions(prefix + i)));
        }

        var waiting = await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions(prefix + "waiting"));
        foreach (var id in quick)
        {
            await runtime.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Within());
        }

        await WaitForStatusAsync(runtime.Client, waiting, OrchestrationRuntimeStatus.Running);
        var query = new InstanceQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Completed], CreatedFrom = from, PageSize = 2 };
        var first = await runtime.Client.QueryInstancesAsync(query);
        var second = await runtime.Client.QueryInstancesAsync(query with { ContinuationToken = first.ContinuationToken });
        var running = await runtime.Client.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Running] });
        var later = await runtime.Client.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = prefix, CreatedFrom = DateTimeOffset.UtcNow.AddMinutes(1) });

        Assert.Equal(2, first.Instances.Count);
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(quick.Order(), first.Instances.Concat(second.Instances).Select(instance => instance.InstanceId).Order());
        Assert.Null(second.ContinuationToken);
        Assert.Equal(waiting, Assert.Single(running.Instances).InstanceId);
        Assert.Empty(later.Instances);
        await runtime.Client.TerminateInstanceAsync(waiting);
    }

    private static async Task WaitForStatusAsync(IOrchestrationClient client, string id, OrchestrationRuntimeStatus status)
    {
        var token = Within();
        while ((await client.GetInstanceAsync(id, cancellationToken: token))?.RuntimeStatus != status)
        {
            await Task.Delay(50, token);
        }
    }
}
