using MediaFunctions.Durable.History;
using MediaFunctions.Durable.Storage;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Time.Testing;

namespace MediaFunctions.Durable.Tests.Storage;

/// <summary>The semantics every store must have; run against each store by a derived class.</summary>
public abstract class OrchestrationStoreContract
{
    /// <summary>The clock of the stores a test creates: leases expire when the test advances it.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>A new, empty store on <see cref="Clock"/>.</summary>
    protected abstract Task<IOrchestrationStore> CreateStoreAsync();

    private static InstanceState NewState(string id, string execution = "e1", int partition = 0) => new()
    {
        InstanceId = id,
        Name = "Test",
        ExecutionId = execution,
        Status = OrchestrationRuntimeStatus.Pending,
        Partition = partition,
        CreatedAt = DateTimeOffset.UtcNow,
        LastUpdatedAt = DateTimeOffset.UtcNow,
        Input = "\"in\"",
    };

    private static ExecutionStarted Started(string? input = "\"in\"") => new("Test", input) { Timestamp = DateTime.UtcNow };

    [Fact]
    public async Task CreateInstance_NewId_IsPendingWithStartInInbox()
    {
        var store = await CreateStoreAsync();

        var created = await store.CreateInstanceAsync(NewState("a"), Started());

        var snapshot = await store.LoadAsync("a");
        Assert.NotNull(snapshot);
        Assert.Equal(created?.State.ETag, snapshot.State.ETag);
        Assert.Equal(created?.Inbox.Single().Id, snapshot.Inbox.Single().Id);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, snapshot.State.Status);
        Assert.Equal("\"in\"", snapshot.State.Input);
        Assert.Empty(snapshot.History);
        Assert.IsType<ExecutionStarted>(Assert.Single(snapshot.Inbox).Event);
        Assert.NotNull(snapshot.State.ETag);
    }

    [Fact]
    public async Task CreateInstance_WithTraceParent_KeptInTheStartMessageAndInHistory()
    {
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var store = await CreateStoreAsync();
        await store.CreateInstanceAsync(NewState("t"), Started() with { TraceParent = traceParent });

        // What a process that loads the instance after a restart reads: the start message, then the history.
        var loaded = (await store.LoadAsync("t"))!;
        var start = Assert.IsType<ExecutionStarted>(Assert.Single(loaded.Inbox).Event);
        await store.CommitAsync(new InstanceCommit
        {
            State = loaded.State with { Status = OrchestrationRuntimeStatus.Running, HistoryCount = 2 },
            ExpectedETag = loaded.State.ETag!,
            NewEvents = [new OrchestratorStarted(), start],
            ConsumedMessageIds = [loaded.Inbox[0].Id],
        });
        var recorded = Assert.IsType<ExecutionStarted>((await store.LoadAsync("t"))!.History[1]);

        Assert.Equal((traceParent, traceParent), (start.TraceParent, recorded.TraceParent));
    }

    [Fact]
    public async Task CreateInstance_LiveDuplicate_IsRefused_ButAFinishedOneIsReplaced()
    {
        var store = await CreateStoreAsync();
        await store.CreateInstanceAsync(NewState("dup"), Started());

        Assert.Null(await store.CreateInstanceAsync(NewState("dup", "e2"), Started()));

        var loaded = (await store.LoadAsync("dup"))!;
        await store.CommitAsync(new InstanceCommit
        {
            State = loaded.State with { Status = OrchestrationRuntimeStatus.Completed, HistoryCount = 1 },
            ExpectedETag = loaded.State.ETag!,
            NewEvents = [new ExecutionCompleted(OrchestrationRuntimeStatus.Completed, "1", null)],
            ConsumedMessageIds = [loaded.Inbox[0].Id],
        });
        Assert.NotNull(await store.CreateInstanceAsync(NewState("dup", "e2") with { Input = "\"second\"" }, Started("\"second\"")));

        var replaced = (await store.LoadAsync("dup"))!;
        Assert.Equal("e2", replaced.State.ExecutionId);
        Assert.Empty(replaced.History);
        Assert.Equal("\"second\"", Assert.IsType<ExecutionStarted>(Assert.Single(replaced.Inbox).Event).Input);
    }

    [Fact]
    public async Task Commit_AppendsHistoryInOrder_ConsumesMessages_AndRefusesAStaleETag()
    {
        var store = await CreateStoreAsync();
        await store.CreateInstanceAsync(NewState("c"), Started());
        var first = (await store.LoadAsync("c"))!;

        var etag = await store.CommitAsync(new InstanceCommit
        {
            State = first.State with { Status = OrchestrationRuntimeStatus.Running, HistoryCount = 3 },
            ExpectedETag = first.State.ETag!,
            NewEvents = [new OrchestratorStarted(), first.Inbox[0].Event, new TaskScheduled(0, "A", null)],
            ConsumedMessageIds = [first.Inbox[0].Id],
        });
        await store.CommitAsync(new InstanceCommit
        {
            State = first.State with { Status = OrchestrationRuntimeStatus.Running, HistoryCount = 5, CustomStatus = "{\"stage\":\"x\"}" },
            ExpectedETag = etag,
            NewEvents = [new OrchestratorStarted(), new TaskCompleted(0, "42")],
        });

        var stale = new InstanceCommit
        {
            State = first.State with { HistoryCount = 4 },
            ExpectedETag = etag,
            NewEvents = [new OrchestratorStarted()],
        };
        await Assert.ThrowsAsync<StoreConflictException>(() => store.CommitAsync(stale));

        var loaded = (await store.LoadAsync("c"))!;
        Assert.Equal(["OrchestratorStarted", "ExecutionStarted", "TaskScheduled", "OrchestratorStarted", "TaskCompleted"],
            loaded.History.Select(e => e.GetType().Name));
        Assert.Equal("42", Assert.IsType<TaskCompleted>(loaded.History[4]).Result);
        Assert.Empty(loaded.Inbox);
        Assert.Equal("{\"stage\":\"x\"}", (await store.GetStateAsync("c", includePayloads: false))?.CustomStatus);
        Assert.Equal(5, (await store.GetHistoryAsync("c")).Count);
    }

    [Fact]
    public async Task ManySteps_HistoryStaysInOrder_AsItMovesFromTheStateRowToHistoryRows()
    {
        var store = await CreateStoreAsync();
        var created = (await store.CreateInstanceAsync(NewState("steps"), Started()))!;
        var etag = created.State.ETag!;
        var count = 0;
        for (var step = 0; step < 40; step++)
        {
            List<HistoryEvent> events = [new OrchestratorStarted(), new TaskCompleted(step, OrchestrationJson.Serialize(new string('r', 400)))];
            count += events.Count;
            etag = await store.CommitAsync(new InstanceCommit
            {
                State = created.State with { Status = OrchestrationRuntimeStatus.Running, HistoryCount = count },
                ExpectedETag = etag,
                NewEvents = events,
                ConsumedMessageIds = step == 0 ? [created.Inbox[0].Id] : [],
            });
        }

        var history = await store.GetHistoryAsync("steps");
        Assert.Equal(80, history.Count);
        Assert.Equal(Enumerable.Range(0, 40), history.OfType<TaskCompleted>().Select(e => e.TaskId));
        Assert.Equal(80, (await store.LoadAsync("steps"))!.History.Count);
    }

    [Fact]
    public async Task LargePayloadsAndSteps_RoundTrip()
    {
        var store = await CreateStoreAsync();
        var bigInput = OrchestrationJson.Serialize(new string('i', 200_000));
        await store.CreateInstanceAsync(NewState("big") with { Input = bigInput }, Started(bigInput));
        var loaded = (await store.LoadAsync("big"))!;
        var fanOut = Enumerable.Range(0, 1000).Select(i => (HistoryEvent)new TaskScheduled(i, "Work", $"{{\"item\":{i},\"pad\":\"{new string('p', 60)}\"}}")).ToList();
        var bigOutput = OrchestrationJson.Serialize(new string('o', 100_000));

        await store.CommitAsync(new InstanceCommit
        {
            State = loaded.State with { Status = OrchestrationRuntimeStatus.Completed, HistoryCount = fanOut.Count, Output = bigOutput },
            ExpectedETag = loaded.State.ETag!,
            NewEvents = fanOut,
            ConsumedMessageIds = [loaded.Inbox[0].Id],
        });

        var state = await store.GetStateAsync("big", includePayloads: true);
        Assert.Equal(bigInput, state?.Input);
        Assert.Equal(bigOutput, state?.Output);
        Assert.Null((await store.GetStateAsync("big", includePayloads: false))?.Output);
        var history = await store.GetHistoryAsync("big");
        Assert.Equal(1000, history.Count);
        Assert.Equal(999, Assert.IsType<TaskScheduled>(history[999]).TaskId);
    }

    [Fact]
    public async Task Messages_ArriveInOrder_AndOnlyForExistingInstances()
    {
        var store = await CreateStoreAsync();
        await store.CreateInstanceAsync(NewState("m"), Started());
        for (var i = 0; i < 5; i++)
        {
            Assert.True(await store.SendMessageAsync("m", new EventRaised($"e{i}", null)));
        }

        Assert.False(await store.SendMessageAsync("nobody", new EventRaised("x", null)));
        var inbox = await store.ReadInboxAsync("m");
        Assert.Equal(["e0", "e1", "e2", "e3", "e4"], inbox.Skip(1).Select(m => ((EventRaised)m.Event).Name));
    }

    [Fact]
    public async Task Query_FiltersAndPagesWithoutSkippingOrRepeating()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 12; i++)
        {
            await store.CreateInstanceAsync(NewState($"q-{i:D2}"), Started());
        }

        await store.CreateInstanceAsync(NewState("other-1"), Started());
        var seen = new List<string>();
        string? token = null;
        do
        {
            var (states, next) = await store.QueryAsync(new InstanceQuery { InstanceIdPrefix = "q-", PageSize = 5, ContinuationToken = token });
            Assert.True(states.Count <= 5);
            seen.AddRange(states.Select(s => s.InstanceId));
            token = next;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"q-{i:D2}"), seen.Order());
        var (none, _) = await store.QueryAsync(new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Completed] });
        Assert.Empty(none);
        var (future, _) = await store.QueryAsync(new InstanceQuery { CreatedFrom = DateTimeOffset.UtcNow.AddHours(1) });
        Assert.Empty(future);
    }

    [Fact]
    public async Task Purge_RemovesStateHistoryInboxAndPayloads()
    {
        var store = await CreateStoreAsync();
        var bigInput = OrchestrationJson.Serialize(new string('i', 50_000));
        await store.CreateInstanceAsync(NewState("p") with { Input = bigInput }, Started(bigInput));

        Assert.True(await store.PurgeAsync("p"));

        Assert.Null(await store.LoadAsync("p"));
        Assert.False(await store.PurgeAsync("p"));
        Assert.NotNull(await store.CreateInstanceAsync(NewState("p"), Started()));
    }

    [Fact]
    public async Task ActiveInstances_AreListedPerPartition()
    {
        var store = await CreateStoreAsync();
        await store.CreateInstanceAsync(NewState("act-1", partition: 1), Started());
        await store.CreateInstanceAsync(NewState("act-2", partition: 2), Started());

        Assert.Equal(["act-1"], await store.ListActiveInstancesAsync(1));
        Assert.Equal(["act-2"], await store.ListActiveInstancesAsync(2));
    }

    [Fact]
    public async Task Signal_ClearedWithAnOldToken_Survives()
    {
        var store = await CreateStoreAsync();
        await store.SignalAsync(3, "s");
        var first = Assert.Single(await store.ReadSignalsAsync([3]));
        await store.SignalAsync(3, "s");

        await store.ClearSignalAsync(first);
        var second = Assert.Single(await store.ReadSignalsAsync([3]));
        await store.ClearSignalAsync(second);

        Assert.Empty(await store.ReadSignalsAsync([3]));
    }

    [Fact]
    public async Task ReadSignals_SeveralPartitions_ReadsThoseOnlyEachWithItsPartition()
    {
        var store = await CreateStoreAsync();
        await store.SignalAsync(0, "zero");
        await store.SignalAsync(2, "two");
        await store.SignalAsync(3, "three");

        var signals = await store.ReadSignalsAsync([0, 2]);

        Assert.Equal([(0, "zero"), (2, "two")], signals.Select(signal => (signal.Partition, signal.InstanceId)).Order());
        Assert.Empty(await store.ReadSignalsAsync([]));
    }

    [Fact]
    public async Task Lease_IsExclusiveUntilExpiryOrRelease()
    {
        var store = await CreateStoreAsync();

        Assert.True(await store.TryAcquireLeaseAsync(0, "a", TimeSpan.FromSeconds(1)));
        Assert.True(await store.TryAcquireLeaseAsync(0, "a", TimeSpan.FromSeconds(1)));
        Assert.False(await store.TryAcquireLeaseAsync(0, "b", TimeSpan.FromSeconds(30)));
        Clock.Advance(TimeSpan.FromMilliseconds(900));
        Assert.False(await store.TryAcquireLeaseAsync(0, "b", TimeSpan.FromSeconds(30)));
        Clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.True(await store.TryAcquireLeaseAsync(0, "b", TimeSpan.FromSeconds(30)));
        Assert.False(await store.TryAcquireLeaseAsync(0, "a", TimeSpan.FromSeconds(30)));

        await store.ReleaseLeaseAsync(0, "a");
        Assert.False(await store.TryAcquireLeaseAsync(0, "a", TimeSpan.FromSeconds(30)));
        await store.ReleaseLeaseAsync(0, "b");
        Assert.True(await store.TryAcquireLeaseAsync(0, "a", TimeSpan.FromSeconds(30)));
    }
}
