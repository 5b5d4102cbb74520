using Azure.Data.Tables;
using MediaFunctions.Core.Batches.Slots;
using MediaFunctions.Orchestration;
using MediaFunctions.Testing;
using Moq;

namespace MediaFunctions.Core.Tests.Batches;

public sealed class KeyJobSlotsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private KeyJobSlots Slots(Func<string, bool> isRunning)
    {
        var orchestrations = new Mock<IOrchestrationClient>();
        orchestrations.Setup(o => o.GetInstanceAsync(It.IsAny<string>(), false, It.IsAny<CancellationToken>()))
            .Returns((string id, bool _, CancellationToken _) => Task.FromResult<OrchestrationMetadata?>(new OrchestrationMetadata("BatchItemOrchestrator", id)
            {
                RuntimeStatus = isRunning(id) ? OrchestrationRuntimeStatus.Running : OrchestrationRuntimeStatus.Terminated,
            }));
        return new KeyJobSlots(new TableServiceClient(azurite.ConnectionString), orchestrations.Object);
    }

    [Fact(Timeout = 60_000)]
    public async Task TryTakeAsync_ManyJobsOnTwoHostsAtOnce_ExactlyCapacityTakeOne()
    {
        var key = $"k{Guid.NewGuid():N}"[..12];
        var first = Slots(_ => true);
        var second = Slots(_ => true);

        var taken = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => (i % 2 == 0 ? first : second).TryTakeAsync(key, $"job-{i}", 3)));

        Assert.Equal(3, taken.Count(t => t));
    }

    [Fact(Timeout = 60_000)]
    public async Task TryTakeAsync_HolderAsksAgain_KeepsItsOneSlot_AndReleaseFreesItForAnother()
    {
        var key = $"k{Guid.NewGuid():N}"[..12];
        var slots = Slots(_ => true);

        Assert.True(await slots.TryTakeAsync(key, "job-a", 1));
        Assert.True(await slots.TryTakeAsync(key, "job-a", 1));
        Assert.False(await slots.TryTakeAsync(key, "job-b", 1));
        await slots.ReleaseAsync(key, "job-a");

        Assert.True(await slots.TryTakeAsync(key, "job-b", 1));
    }

    [Fact(Timeout = 60_000)]
    public async Task TryTakeAsync_HolderNoLongerRuns_ItsSlotIsFreedForTheNextLook()
    {
        var key = $"k{Guid.NewGuid():N}"[..12];
        var slots = Slots(id => id != "job-killed");
        Assert.True(await slots.TryTakeAsync(key, "job-killed", 1));

        Assert.False(await slots.TryTakeAsync(key, "job-next", 1));
        Assert.True(await slots.TryTakeAsync(key, "job-next", 1));
    }
}
