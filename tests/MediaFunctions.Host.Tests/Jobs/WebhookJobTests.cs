using System.Net;
using MediaFunctions.Testing;

namespace MediaFunctions.Host.Tests.Jobs;

/// <summary>Jobs with a <c>webhook_url</c>: a signed POST of the job when it ends, retried until the receiver takes it.</summary>
[Collection(JobCollection.Name)]
public sealed class WebhookJobTests(JobHostFixture fixture)
{
    private const string Native = "/api/jobs/extract-audio";

    [Fact]
    public async Task Create_ReceiverDown_JobStillCompletes()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var accepted = await JobApi.SubmitNativeAsync(alice,
            JobApi.Form(fixture.Media.Mp4, ("output_format", "mp3"), ("webhook_url", $"http://127.0.0.1:{FreePort.Next()}/nobody-listens")), timeout.Token);
        var job = await JobApi.WaitForJobAsync(alice, accepted.GetProperty("jobId").GetString()!, timeout.Token);

        Assert.True(job.GetProperty("state").GetString() == "completed", job.ToString());
        Assert.Single(job.GetProperty("outputs").EnumerateArray());
    }

    [Theory]
    [InlineData("ftp://receiver.example/hook")]
    [InlineData("/relative/hook")]
    [InlineData("https://user:secret@receiver.example/hook")]
    public async Task Create_WebhookUrlNotAbsoluteHttp_Refused400InvalidField(string webhookUrl)
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var (status, body) = await JobApi.PostAsync(alice, Native,
            JobApi.Json(new { source = new { url = "http://127.0.0.1:9/clip.mp4" }, webhook_url = webhookUrl }), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var (code, message) = JobApi.Error(body);
        Assert.Equal("invalid_field", code);
        Assert.Contains("webhook_url", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_LoopbackWebhookWherePrivateNetworksAreRefused_Refused400UrlNotAllowed()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey, fixture.ShortLinkHost);

        var (status, body) = await JobApi.PostAsync(alice, Native,
            JobApi.Form(fixture.Media.Mp4, ("webhook_url", "http://127.0.0.1:8080/hook")), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var (code, message) = JobApi.Error(body);
        Assert.Equal("url_not_allowed", code);
        Assert.StartsWith("webhook_url:", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSecret_PerKey_StableAndDifferentForAnotherKey()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        using var bob = fixture.ClientFor(JobHostFixture.BobKey);
        using var anonymous = fixture.Host.CreateClient();

        var first = await SecretAsync(alice, timeout.Token);
        var again = await SecretAsync(alice, timeout.Token);
        var bobs = await SecretAsync(bob, timeout.Token);
        using var unauthenticated = await anonymous.GetAsync(new Uri("/api/webhooks/secret", UriKind.Relative), timeout.Token);

        Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
        Assert.Equal(first, again);
        Assert.NotEqual(first, bobs);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    private static async Task<string> SecretAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var (status, body) = await JobApi.GetAsync(client, "/api/webhooks/secret", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("secret").GetString()!;
    }
}
