using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Web;

namespace MediaFunctions.Host.Tests.Jobs;

/// <summary>
/// Links and the life of files, on the host whose links last <see cref="JobHostFixture.ShortLinkLifetime"/>:
/// a non-persistent link is a SAS that expires that long after completion and its files are then
/// deleted; a persistent link is stable, needs no key, redirects to a fresh SAS and outlives that time
/// until its job is deleted.
/// </summary>
[Collection(JobCollection.Name)]
public sealed class JobLinkTests(JobHostFixture fixture)
{
    [Fact]
    public async Task Persistent_StableLinkRedirectsWithoutAKeyOutlivesTheLinkLifetimeAndDiesWithTheJob()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey, fixture.ShortLinkHost);
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.ShortLinkHost.BaseAddress };

        var jobId = (await JobApi.SubmitNativeAsync(alice, JobApi.Form(fixture.Media.Mp4, ("persistent", "true"), ("output_format", "wav")), timeout.Token))
            .GetProperty("jobId").GetString()!;
        var job = await JobApi.WaitForJobAsync(alice, jobId, timeout.Token);
        var output = job.GetProperty("outputs")[0];
        var link = output.GetProperty("url").GetString()!;

        Assert.True(job.GetProperty("persistent").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, output.GetProperty("expiresAt").ValueKind);
        Assert.StartsWith($"{fixture.ShortLinkHost.BaseAddress.AbsoluteUri}api/files/", link, StringComparison.Ordinal);
        await AssertRedirectsToTheFileAsync(anonymous, link, output.GetProperty("size").GetInt64(), timeout.Token);
        Assert.Empty(await JobApi.BlobsAsync(fixture.Blobs, "inputs", $"alice/{jobId}/", timeout.Token));
        // Untagged, so the lifecycle rule that backs up the cleanup timers in Azure never matches it.
        Assert.Empty(await JobApi.OutputTagsAsync(fixture.Blobs, Assert.Single(await JobApi.BlobsAsync(fixture.Blobs, "outputs", $"alice/{jobId}/", timeout.Token)), timeout.Token));

        // A job that is not persistent, ended after this one: once its cleanup has deleted its file, this job's link
        // lifetime has passed as well, and a cleanup of this job's files would have come before.
        var laterId = (await JobApi.SubmitNativeAsync(alice, JobApi.Form(fixture.Media.Mp4, ("output_format", "wav")), timeout.Token))
            .GetProperty("jobId").GetString()!;
        await JobApi.WaitForJobAsync(alice, laterId, timeout.Token);
        while ((await JobApi.BlobsAsync(fixture.Blobs, "outputs", $"alice/{laterId}/", timeout.Token)).Count > 0)
        {
            await Task.Delay(200, timeout.Token);
        }

        await AssertRedirectsToTheFileAsync(anonymous, link, output.GetProperty("size").GetInt64(), timeout.Token);
        Assert.Single(await JobApi.BlobsAsync(fixture.Blobs, "outputs", $"alice/{jobId}/", timeout.Token));

        // A token naming another blob with the same signature, or no signature at all, leads nowhere.
        var token = link[(link.LastIndexOf('/') + 1)..];
        var mac = token[(token.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var otherBlob = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"bob/{jobId}/h264-aac.wav"));
        foreach (var forged in new[] { $"{otherBlob}.{mac}", "not-a-token", token[..token.IndexOf('.', StringComparison.Ordinal)] })
        {
            using var refused = await anonymous.GetAsync(new Uri($"/api/files/{forged}", UriKind.Relative), timeout.Token);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        using var delete = await alice.DeleteAsync(new Uri($"/api/jobs/{jobId}", UriKind.Relative), timeout.Token);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await anonymous.GetAsync(new Uri(link), timeout.Token);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("not_found", JobApi.Error(System.Text.Json.JsonDocument.Parse(await gone.Content.ReadAsStringAsync(timeout.Token)).RootElement).Code);
        Assert.Empty(await JobApi.BlobsAsync(fixture.Blobs, "outputs", $"alice/{jobId}/", timeout.Token));
    }

    [Theory]
    [InlineData("http://127.0.0.1:1/video.mp4")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://localhost/video.mp4")]
    public async Task UrlSource_PrivateAddressWhenNotAllowed_400(string url)
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey, fixture.ShortLinkHost);

        var (status, body) = await JobApi.PostAsync(alice, "/api/jobs/extract-audio", JobApi.Json(new { source = new { url } }), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("url_not_allowed", JobApi.Error(body).Code);
        Assert.Contains("private", JobApi.Error(body).Message, StringComparison.Ordinal);
    }

    private static async Task AssertRedirectsToTheFileAsync(HttpClient anonymous, string link, long size, CancellationToken cancellationToken)
    {
        using var redirect = await anonymous.GetAsync(new Uri(link), cancellationToken);
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Contains("no-store", redirect.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var sas = redirect.Headers.Location!;
        var expiry = DateTimeOffset.Parse(HttpUtility.ParseQueryString(sas.Query)["se"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiry, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(6));
        using var download = await anonymous.GetAsync(sas, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(size, (await download.Content.ReadAsByteArrayAsync(cancellationToken)).LongLength);
    }
}
