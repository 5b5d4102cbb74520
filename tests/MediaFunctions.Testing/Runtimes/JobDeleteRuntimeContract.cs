using System.Net;
using System.Text.Json;
using MediaFunctions.Testing.Api;
using MediaFunctions.Testing.Media;
using Xunit;

namespace MediaFunctions.Testing.Runtimes;

/// <summary>
/// Deleting a job while it renders, the same case on every runtime. Apart from <see cref="JobRuntimeContract"/>
/// so a runtime can give it an app of its own: in Azure the render's activity outlives the deleted job's
/// orchestration until the job's end watch stops it, and its result then goes to an instance that is gone.
/// </summary>
public abstract class JobDeleteRuntimeContract(RuntimeFixture fixture)
{
    [Fact]
    public async Task Delete_RunningJob_StopsItAndRemovesItsFilesAndHistory()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(RuntimeFixture.AliceKey);
        var jobId = (await JobApi.SubmitNativeAsync(alice, JobApi.Form(fixture.LongAudio,
            ("full_audio", "true"), ("output_format", "wav,ogg,flac,wma,ac3,aac,amr")), timeout.Token)).GetProperty("jobId").GetString()!;
        JsonElement running;
        while (true)
        {
            (_, running) = await JobApi.GetAsync(alice, $"/api/jobs/{jobId}", timeout.Token);
            if (running.GetProperty("stage").GetString() == "extracting")
            {
                break;
            }

            await Task.Delay(100, timeout.Token);
        }

        using var delete = await alice.DeleteAsync(new Uri($"/api/jobs/{jobId}", UriKind.Relative), timeout.Token);

        Assert.Equal("in_progress", running.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await JobApi.GetAsync(alice, $"/api/jobs/{jobId}", timeout.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await JobApi.GetAsync(alice, $"/api/instances/{jobId}", timeout.Token)).Status);
        // ffmpeg reads the staged input by a link that names the job: once it is gone, the render has stopped,
        // long before the minutes this render would take.
        var stopBy = DateTime.UtcNow.AddSeconds(10);
        while (FfmpegTools.IsProcessRunningWith(jobId))
        {
            Assert.True(DateTime.UtcNow < stopBy, "ffmpeg still renders the deleted job 10 s after the delete.");
            await Task.Delay(100, timeout.Token);
        }

        // The stopped render clears its scratch files as it ends: wait for that, within the same 10 s of the delete.
        foreach (var container in new[] { "inputs", "work", "outputs" })
        {
            List<string> left;
            while ((left = await JobApi.BlobsAsync(fixture.Blobs, container, $"alice/{jobId}/", timeout.Token)).Count > 0)
            {
                Assert.True(DateTime.UtcNow < stopBy, $"{container} still holds {string.Join(", ", left)} 10 s after the delete.");
                await Task.Delay(100, timeout.Token);
            }
        }
    }
}
