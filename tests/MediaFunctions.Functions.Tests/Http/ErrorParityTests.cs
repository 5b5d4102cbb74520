using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MediaFunctions.Testing.Api;

namespace MediaFunctions.Functions.Tests.Http;

/// <summary>
/// The same failing request to the self-host and to the Functions app: the same status, the same error
/// envelope (code and message) and, on 429, <c>Retry-After</c> from both.
/// </summary>
public sealed class ErrorParityTests(ErrorParityFixture fixture) : IClassFixture<ErrorParityFixture>
{
    [Theory]
    [InlineData("no key", HttpStatusCode.Unauthorized)]
    [InlineData("unknown output format", HttpStatusCode.BadRequest)]
    [InlineData("malformed json", HttpStatusCode.BadRequest)]
    [InlineData("upload over the cap", HttpStatusCode.RequestEntityTooLarge)]
    [InlineData("over the rate limit", HttpStatusCode.TooManyRequests)]
    [InlineData("another key's job", HttpStatusCode.NotFound)]
    [InlineData("malformed bool in the query", HttpStatusCode.BadRequest)]
    [InlineData("malformed int in the query", HttpStatusCode.BadRequest)]
    public async Task Request_SameOnBothHosts_SameStatusAndErrorEnvelope(string name, HttpStatusCode expected)
    {
        using var timeout = JobApi.Timeout(120);
        if (name == "over the rate limit")
        {
            // Carol's counters are in the shared storage: use up her requests once, on either host.
            using var carol = fixture.ClientFor("self-host", ErrorParityFixture.CarolKey);
            for (var i = 0; i < ErrorParityFixture.CarolPerDay; i++)
            {
                using var _ = await carol.GetAsync(new Uri("/api/jobs", UriKind.Relative), timeout.Token);
            }
        }

        var selfHost = await SendAsync(name, "self-host", timeout.Token);
        var functions = await SendAsync(name, "functions", timeout.Token);

        Assert.True(selfHost.Code is not null, $"The self-host answered no error envelope: {(int)selfHost.Status} {selfHost.Body}");
        Assert.True(functions.Code is not null, $"The Functions app answered no error envelope: {(int)functions.Status} {functions.Body}");
        Assert.Equal(expected, selfHost.Status);
        Assert.Equal((selfHost.Status, selfHost.Code, selfHost.Message), (functions.Status, functions.Code, functions.Message));
        Assert.Equal(expected == HttpStatusCode.TooManyRequests, selfHost.HasRetryAfter);
        Assert.Equal(selfHost.HasRetryAfter, functions.HasRetryAfter);
    }

    private async Task<HostAnswer> SendAsync(string name, string host, CancellationToken cancellationToken)
    {
        using var alice = fixture.ClientFor(host, ErrorParityFixture.AliceKey);
        switch (name)
        {
            case "no key":
                {
                    using var anonymous = fixture.ClientFor(host, key: null);
                    using var response = await anonymous.GetAsync(new Uri("/api/jobs", UriKind.Relative), cancellationToken);
                    return await HostAnswer.ReadAsync(response, id: null, cancellationToken);
                }

            case "unknown output format":
                return await PostAsync(alice, "/api/jobs/extract-audio", Upload(fixture.Audio, ("output_format", "xyz")), cancellationToken);
            case "malformed json":
                return await PostAsync(alice, "/api/jobs", new StringContent("{\"kind\": ", Encoding.UTF8, "application/json"), cancellationToken);
            case "upload over the cap":
                return await PostAsync(alice, "/api/jobs/extract-audio", Upload(new byte[2 * ErrorParityFixture.MaxUploadBytes], ("output_format", "mp3")),
                    cancellationToken);
            case "over the rate limit":
                {
                    using var carol = fixture.ClientFor(host, ErrorParityFixture.CarolKey);
                    using var response = await carol.GetAsync(new Uri("/api/jobs", UriKind.Relative), cancellationToken);
                    return await HostAnswer.ReadAsync(response, id: null, cancellationToken);
                }

            case "another key's job":
                {
                    var (status, accepted) = await JobApi.PostAsync(alice, "/api/jobs/extract-audio", Upload(fixture.Audio, ("output_format", "mp3")), cancellationToken);
                    Assert.True(status == HttpStatusCode.Accepted, $"{host} did not accept alice's job: {(int)status} {accepted}");
                    var id = accepted.GetProperty("jobId").GetString()!;
                    using var bob = fixture.ClientFor(host, ErrorParityFixture.BobKey);
                    using var response = await bob.GetAsync(new Uri($"/api/jobs/{id}", UriKind.Relative), cancellationToken);
                    return await HostAnswer.ReadAsync(response, id, cancellationToken);
                }

            case "malformed bool in the query":
                {
                    using var response = await alice.GetAsync(new Uri("/api/instances/no-such-instance?showHistory=notabool", UriKind.Relative), cancellationToken);
                    return await HostAnswer.ReadAsync(response, id: null, cancellationToken);
                }

            case "malformed int in the query":
                {
                    using var response = await alice.GetAsync(new Uri("/api/jobs?pageSize=many", UriKind.Relative), cancellationToken);
                    return await HostAnswer.ReadAsync(response, id: null, cancellationToken);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    }

    // The body is sent once the host asks for it, as clients of large uploads do, so a refused upload gets its answer.
    private static async Task<HostAnswer> PostAsync(HttpClient client, string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request, cancellationToken);
        return await HostAnswer.ReadAsync(response, id: null, cancellationToken);
    }

    private static MultipartFormDataContent Upload(byte[] bytes, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "video", "clip.mp4");
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }
}
