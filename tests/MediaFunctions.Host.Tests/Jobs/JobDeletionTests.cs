using System.Net;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Host.Tests.Jobs;

/// <summary>
/// A DELETE answers within <c>Jobs__DeleteWait</c> and the job's deletion finishes without it: on a host that waits
/// not at all, the request answers at once and the render still stops, the files still go and the job is still forgotten.
/// </summary>
[Collection(JobCollection.Name)]
public sealed class JobDeletionTests(JobHostFixture fixture)
{
    [Fact]
    public async Task Delete_HostThatDoesNotWait_AnswersAtOnceAndTheDeletionFinishesInTheBackground()
    {
        using var timeout = JobApi.Timeout();
        await using var host = new HostProcess(fixture.Settings("Deletions", new() { ["Jobs__DeleteWait"] = "00:00:00" }));
        await host.StartAsync(timeout.Token);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey, host);
        var jobId = (await JobApi.SubmitNativeAsync(alice, JobApi.Form(fixture.LongAudio, ("full_audio", "true"), ("output_format", "wav,flac")), timeout.Token))
            .GetProperty("jobId").GetString()!;
        while ((await JobApi.GetAsync(alice, $"/api/jobs/{jobId}", timeout.Token)).Body.GetProperty("stage").GetString() != "extracting")
        {
            await Task.Delay(100, timeout.Token);
        }

        using var delete = await alice.DeleteAsync(new Uri($"/api/jobs/{jobId}", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var doneBy = DateTime.UtcNow.AddSeconds(30);
        while ((await JobApi.GetAsync(alice, $"/api/instances/{jobId}", timeout.Token)).Status != HttpStatusCode.NotFound
            || FfmpegTools.IsProcessRunningWith(jobId)
            || (await JobApi.BlobsAsync(fixture.Blobs, "outputs", $"alice/{jobId}/", timeout.Token)).Count > 0
            || (await JobApi.BlobsAsync(fixture.Blobs, "inputs", $"alice/{jobId}/", timeout.Token)).Count > 0)
        {
            Assert.True(DateTime.UtcNow < doneBy, "The deleted job, its render or its files are still there 30 s after the delete.");
            await Task.Delay(100, timeout.Token);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await JobApi.GetAsync(alice, $"/api/jobs/{jobId}", timeout.Token)).Status);
    }
}
