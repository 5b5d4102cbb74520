using MediaFunctions.Testing;

namespace MediaFunctions.Host.Tests.Batches.Durability;

/// <summary>
/// A batch's concurrency caps what really runs: the host's ffmpeg processes, counted from /proc every 50 ms while
/// batches of 720p clips are encoded to H.264, never outnumber the batch's cap or the key's, and reach it; and the
/// encodes running at once split the cores between them.
/// </summary>
[Collection(BatchDurabilityCollection.Name)]
public sealed class BatchConcurrencyTests(BatchDurabilityFixture fixture)
{
    [Fact]
    public async Task CreateBatch_ConcurrencyTwo_AtMostTwoFfmpegRunAndTwoDo()
    {
        using var timeout = JobApi.Timeout(180);
        await using var host = new HostProcess(fixture.Settings("BatchConcurrency"));
        await host.StartAsync(timeout.Token);
        using var alice = BatchDurabilityFixture.ClientFor(host);

        await using var sampler = ChildProcessSampler.Start(host.ProcessId);
        var (batchId, jobIds) = await BatchOutcomes.CreateAsync(alice, Encode(fixture.VideoClips, concurrency: 2), timeout.Token);
        var batch = await BatchOutcomes.WaitForEndAsync(alice, batchId, timeout.Token);
        await sampler.DisposeAsync();

        BatchOutcomes.AssertAllCompleted(batch, BatchDurabilityFixture.VideoClipCount, host.Output);
        Assert.Equal(BatchDurabilityFixture.VideoClipCount, jobIds.Count);
        Assert.True(sampler.Maximum == 2, $"At most {sampler.Maximum} ffmpeg ran at once ({sampler.SamplesWithAny} of {sampler.Samples} samples saw any).");
        var share = Math.Max(1, Environment.ProcessorCount / 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([share], sampler.ThreadArguments);
    }

    [Fact]
    public async Task CreateTwoBatches_KeyConcurrencyTwo_AtMostTwoFfmpegRunAcrossBoth()
    {
        using var timeout = JobApi.Timeout(180);
        await using var host = new HostProcess(fixture.Settings("BatchKeyConcurrency", new() { ["Batches__KeyConcurrency"] = "2" }));
        await host.StartAsync(timeout.Token);
        using var alice = BatchDurabilityFixture.ClientFor(host);
        var half = BatchDurabilityFixture.VideoClipCount / 2;

        await using var sampler = ChildProcessSampler.Start(host.ProcessId);
        // Each batch alone would run all its items at once: only the key's cap holds them to two.
        var first = await BatchOutcomes.CreateAsync(alice, Encode(fixture.VideoClips.Take(half), concurrency: half), timeout.Token);
        var second = await BatchOutcomes.CreateAsync(alice, Encode(fixture.VideoClips.Skip(half), concurrency: half), timeout.Token);
        var batches = await Task.WhenAll(BatchOutcomes.WaitForEndAsync(alice, first.BatchId, timeout.Token), BatchOutcomes.WaitForEndAsync(alice, second.BatchId, timeout.Token));
        await sampler.DisposeAsync();

        foreach (var batch in batches)
        {
            BatchOutcomes.AssertAllCompleted(batch, half, host.Output);
        }

        Assert.True(sampler.Maximum == 2, $"At most {sampler.Maximum} ffmpeg ran at once ({sampler.SamplesWithAny} of {sampler.Samples} samples saw any).");
    }

    // A download of each clip re-encoded to H.264: seconds of ffmpeg work per 720p item.
    private static object Encode(IEnumerable<Uri> clips, int concurrency) => new
    {
        kind = "download",
        urls = clips.Select(clip => clip.AbsoluteUri).ToArray(),
        video_codec = "h264",
        concurrency,
    };
}
