using System.Diagnostics;
using MediaFunctions.Testing;
using Xunit.Abstractions;

namespace MediaFunctions.Host.Tests.Batches.Durability;

/// <summary>
/// A batch of 1,000 items (an M3U naming one 0.2 s MP3 a thousand times) completes every item: the batch
/// orchestration continues as new every 100 items (ten generations), and nothing is lost between them.
/// </summary>
[Collection(BatchDurabilityCollection.Name)]
public sealed class LargeBatchTests(BatchDurabilityFixture fixture, ITestOutputHelper log)
{
    private const int ItemCount = 1000;

    [Fact]
    public async Task CreateFromList_ThousandItems_AllComplete()
    {
        // NOTE: bound by Azurite (single-threaded; ~0.08 CPU s per item measured), so ~100 s at best on 2 quiet cores; several
        // times that on a loaded one.
        using var timeout = JobApi.Timeout(600);
        await using var host = new HostProcess(fixture.Settings("LargeBatch", new()
        {
            ["Batches__ItemsPerGeneration"] = "100",
        }));
        await host.StartAsync(timeout.Token);
        using var alice = BatchDurabilityFixture.ClientFor(host);
        var list = await fixture.Origin.WriteListAsync("thousand.m3u", Enumerable.Repeat(fixture.TinyClip, ItemCount), cancellationToken: timeout.Token);

        var watch = Stopwatch.StartNew();
        var (batchId, jobIds) = await BatchOutcomes.CreateAsync(alice, new
        {
            kind = "extract-audio",
            url = list.AbsoluteUri,
            output_format = "mp3",
            full_audio = true,
            concurrency = 8,
            // Kept: no cleanup orchestration per item, which would double the instances the batch makes.
            persistent = true,
        }, timeout.Token);
        var batch = await BatchOutcomes.WaitForEndAsync(alice, batchId, timeout.Token, log);
        log.WriteLine($"{ItemCount} items ended in {watch.Elapsed.TotalSeconds:F1} s");

        BatchOutcomes.AssertAllCompleted(batch, ItemCount, host.Output);
        Assert.Equal(ItemCount, jobIds.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("list", batch.GetProperty("sourceKind").GetString());
    }
}
