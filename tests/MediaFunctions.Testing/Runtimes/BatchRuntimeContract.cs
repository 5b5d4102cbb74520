using System.IO.Compression;
using System.Net;
using MediaFunctions.Testing.Api;
using Xunit;

namespace MediaFunctions.Testing.Runtimes;

/// <summary>
/// Batches through their orchestrations (one sub-orchestration per item, key slots, the zip, the start
/// event), the same cases on every runtime; see <see cref="JobRuntimeContract"/>.
/// </summary>
public abstract class BatchRuntimeContract(RuntimeFixture fixture)
{
    [Fact]
    public async Task Create_ThreeUrlsWithZip_EachItemCompletedAndTheZipHoldsEveryFile()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor(RuntimeFixture.AliceKey);
        // The same episode three times: every file gets one name, and the zip numbers the others.
        var url = fixture.BatchOrigin.EpisodeUrl(1).AbsoluteUri;

        var accepted = await BatchApi.CreateAsync(alice, new { urls = new[] { url, url, url }, format = "mp3", folder = "tones", zip = true }, timeout.Token);
        var batchId = accepted.GetProperty("batchId").GetString()!;
        var batch = await BatchApi.WaitAsync(alice, batchId, timeout.Token);

        Assert.True(batch.GetProperty("state").GetString() == "completed", batch.ToString());
        Assert.Equal(["completed", "completed", "completed"], BatchApi.Items(batch).Select(item => item.GetProperty("job").GetProperty("state").GetString()));
        var zip = batch.GetProperty("zip");
        Assert.Equal($"{batchId}.zip", zip.GetProperty("fileName").GetString());
        var fileName = Assert.Single(BatchApi.Items(batch)[0].GetProperty("job").GetProperty("outputs").EnumerateArray()).GetProperty("fileName").GetString()!;
        var (name, extension) = (Path.GetFileNameWithoutExtension(fileName), Path.GetExtension(fileName));
        var folder = fixture.Media.NewOutputFolder();
        var downloaded = await JobApi.DownloadAsync(zip.GetProperty("url").GetString()!, folder, timeout.Token);
        Assert.Equal(zip.GetProperty("size").GetInt64(), new FileInfo(downloaded).Length);
        using (var archive = ZipFile.OpenRead(downloaded))
        {
            Assert.Equal([$"tones/{fileName}", $"tones/{name} (2){extension}", $"tones/{name} (3){extension}"], archive.Entries.Select(entry => entry.FullName));
        }

        var unzipped = Path.Combine(folder, "unzipped");
        await ZipFile.ExtractToDirectoryAsync(downloaded, unzipped, timeout.Token);
        foreach (var file in Directory.GetFiles(Path.Combine(unzipped, "tones")))
        {
            var probe = await JobApi.ProbeAsync(file, timeout.Token);
            Assert.Equal("mp3", Assert.Single(probe.Streams).CodecName);
            Assert.InRange(probe.Duration!.Value.TotalSeconds, 0.9, 1.2);
        }
    }

    [Fact]
    public async Task Create_Paused_WaitsUntilStartedThenRunsEveryItem()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor(RuntimeFixture.AliceKey);
        var accepted = await BatchApi.CreateAsync(alice, new
        {
            urls = new[] { fixture.BatchOrigin.EpisodeUrl(1).AbsoluteUri, fixture.BatchOrigin.EpisodeUrl(2).AbsoluteUri },
            format = "mp3",
            paused = true,
        }, timeout.Token);
        var batchId = accepted.GetProperty("batchId").GetString()!;

        var paused = await BatchApi.GetAsync(alice, batchId, timeout.Token);
        var (startStatus, _) = await BatchApi.SendAsync(alice, HttpMethod.Post, $"{BatchApi.Route}/{batchId}/start", null, timeout.Token);
        var batch = await BatchApi.WaitAsync(alice, batchId, timeout.Token);

        Assert.Equal(("paused", true), (paused.GetProperty("state").GetString(), paused.GetProperty("paused").GetBoolean()));
        Assert.All(BatchApi.Items(paused), item => Assert.Equal("pending", item.GetProperty("job").GetProperty("state").GetString()));
        Assert.Equal(HttpStatusCode.Accepted, startStatus);
        Assert.True(batch.GetProperty("state").GetString() == "completed", batch.ToString());
        Assert.All(BatchApi.Items(batch), item => Assert.Single(item.GetProperty("job").GetProperty("outputs").EnumerateArray()));
    }
}
