using MediaFunctions.Testing;

namespace MediaFunctions.Host.Tests.Jobs;

/// <summary>Jobs survive a crash: a host killed with SIGKILL while five jobs render finishes all five after a restart.</summary>
[Collection(JobCollection.Name)]
public sealed class JobCrashRecoveryTests(JobHostFixture fixture)
{
    [Fact]
    public async Task HostKilledDuringFiveJobs_AllFiveFinishAfterRestart()
    {
        using var timeout = JobApi.Timeout(120);
        await using var host = new HostProcess(fixture.Settings("CrashJobs", new()
        {
            // Short leases so the restarted process takes the dead one's partitions over quickly.
            ["Durable__LeaseDuration"] = "00:00:02",
        }));
        await host.StartAsync(timeout.Token);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey, host);
        // All five at once, and their states read at once: submitted one by one, five short encodes could all end before
        // the last state was read, and the kill would interrupt nothing.
        var accepted = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => JobApi.SubmitNativeAsync(alice, JobApi.Form(fixture.LongAudio,
            ("start_time", $"{i * 60}"), ("duration", "60"), ("output_format", "ogg")), timeout.Token)));
        var ids = accepted.Select(job => job.GetProperty("jobId").GetString()!).ToList();
        var statesAtKill = await Task.WhenAll(ids.Select(async id =>
            (await JobApi.GetAsync(alice, $"/api/jobs/{id}", timeout.Token)).Body.GetProperty("state").GetString()!));

        host.Kill();
        Assert.Contains(statesAtKill, state => state is "pending" or "in_progress");
        await host.StartAsync(timeout.Token);

        foreach (var id in ids)
        {
            var job = await JobApi.WaitForJobAsync(alice, id, timeout.Token);
            Assert.True(job.GetProperty("state").GetString() == "completed", $"{job}\n{host.Output}");
            var output = job.GetProperty("outputs")[0];
            var file = await JobApi.DownloadAsync(output.GetProperty("url").GetString()!, fixture.Media.NewOutputFolder(), timeout.Token);
            var probe = await JobApi.ProbeAsync(file, cancellationToken: timeout.Token);
            Assert.Equal("vorbis", Assert.Single(probe.Streams).CodecName);
            Assert.InRange(probe.Duration!.Value.TotalSeconds, 59.95, 60.05);
            Assert.Empty(await JobApi.BlobsAsync(fixture.Blobs, "inputs", $"alice/{id}/", timeout.Token));
        }
    }
}
