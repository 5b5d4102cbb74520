using MediaFunctions.Testing;

namespace MediaFunctions.Host.Tests.Batches.Durability;

/// <summary>
/// A batch survives a crash: a host killed with SIGKILL (ffmpeg children and all) while the batch's items are
/// encoding finishes the batch after a restart on the same storage, each item once: one job and one output per item.
/// </summary>
[Collection(BatchDurabilityCollection.Name)]
public sealed class BatchCrashRecoveryTests(BatchDurabilityFixture fixture)
{
    private const int ItemCount = 6;

    [Fact]
    public async Task HostKilledWhileItemsRun_BatchCompletesEachItemOnceAfterRestart()
    {
        using var timeout = JobApi.Timeout(240);
        await using var host = new HostProcess(fixture.Settings("BatchCrash", new()
        {
            // Short leases so the restarted process takes the dead one's partitions over quickly.
            ["Durable__LeaseDuration"] = "00:00:02",
        }));
        await host.StartAsync(timeout.Token);
        using var alice = BatchDurabilityFixture.ClientFor(host);
        var (batchId, jobIds) = await BatchOutcomes.CreateAsync(alice, new
        {
            kind = "download",
            urls = fixture.VideoClips.Take(ItemCount).Select(clip => clip.AbsoluteUri).ToArray(),
            video_codec = "h264",
            concurrency = 2,
        }, timeout.Token);

        // Killed mid-encode: items are running, and the rest have not started.
        while (ChildProcessSampler.Count(host.ProcessId) == 0)
        {
            Assert.True(host.IsRunning, host.Output);
            await Task.Delay(20, timeout.Token);
        }

        host.Kill();
        await host.StartAsync(timeout.Token);
        var batch = await BatchOutcomes.WaitForEndAsync(alice, batchId, timeout.Token);

        BatchOutcomes.AssertAllCompleted(batch, ItemCount, host.Output);
        Assert.Equal(ItemCount, jobIds.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(jobIds, batch.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("jobId").GetString()!));
        foreach (var jobId in jobIds)
        {
            var outputs = await fixture.OutputBlobsAsync(jobId, timeout.Token);
            Assert.True(outputs.Count == 1, $"{jobId}: {string.Join(", ", outputs)}");
        }

        // The batch's own jobs are exactly its items: no item started twice under another id.
        var (_, instances) = await JobApi.GetAsync(alice, $"/api/instances?instanceIdPrefix={batchId}-&top=100", timeout.Token);
        var itemInstances = instances.EnumerateArray().Where(instance => instance.GetProperty("name").GetString() == "BatchItemOrchestrator")
            .Select(instance => instance.GetProperty("instanceId").GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(jobIds.Order(StringComparer.Ordinal), itemInstances);
    }
}
