using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MediaFunctions.Testing.Api;

namespace MediaFunctions.Functions.Tests.Http;

/// <summary>
/// The same failing request to the self-host and to the Functions app: the same status, the same error
/// envelope (code and message; in the Auphonic dialect also status_code and form_errors) and, on 429, <c>Retry-After</c> from both.
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
    [InlineData("another key's job events", HttpStatusCode.NotFound)]
    [InlineData("another key's upload", HttpStatusCode.NotFound)]
    [InlineData("upload over the cap, as a session", HttpStatusCode.RequestEntityTooLarge)]
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

    [Theory]
    [InlineData("malformed json", HttpStatusCode.BadRequest)]
    [InlineData("loudness target out of range", HttpStatusCode.BadRequest)]
    [InlineData("another key's production", HttpStatusCode.NotFound)]
    [InlineData("text file as input", HttpStatusCode.BadRequest)]
    [InlineData("unknown simple field", HttpStatusCode.BadRequest)]
    [InlineData("no key", HttpStatusCode.Unauthorized)]
    [InlineData("simple upload over the cap", HttpStatusCode.RequestEntityTooLarge)]
    public async Task AuphonicRequest_SameOnBothHosts_SameStatusAndAuphonicEnvelope(string name, HttpStatusCode expected)
    {
        using var timeout = JobApi.Timeout(120);

        var selfHost = await SendAuphonicAsync(name, "self-host", timeout.Token);
        var functions = await SendAuphonicAsync(name, "functions", timeout.Token);

        Assert.True(selfHost.StatusCode is not null, $"The self-host answered no Auphonic envelope: {(int)selfHost.Status} {selfHost.Body}");
        Assert.True(functions.StatusCode is not null, $"The Functions app answered no Auphonic envelope: {(int)functions.Status} {functions.Body}");
        Assert.Equal(expected, selfHost.Status);
        Assert.Equal((int)expected, selfHost.StatusCode);
        Assert.NotNull(selfHost.ErrorCode);
        Assert.Equal(
            (selfHost.Status, selfHost.StatusCode, selfHost.ErrorCode, selfHost.ErrorMessage, selfHost.FormErrors),
            (functions.Status, functions.StatusCode, functions.ErrorCode, functions.ErrorMessage, functions.FormErrors));
        // The cases about one field must name it, so that equal empty form errors on both hosts cannot pass for parity.
        var field = name switch
        {
            "loudness target out of range" => "loudnesstarget",
            "text file as input" => "input_file",
            "unknown simple field" => "colour",
            _ => null,
        };
        if (field is not null)
        {
            Assert.Contains(selfHost.FormErrors.Split('\n'), line => line.StartsWith(field + ": ", StringComparison.Ordinal));
        }
    }

    private async Task<AuphonicHostAnswer> SendAuphonicAsync(string name, string host, CancellationToken cancellationToken)
    {
        using var alice = fixture.ClientFor(host, ErrorParityFixture.AliceKey);
        switch (name)
        {
            case "malformed json":
                return await PostAuphonicAsync(alice, "/api/productions.json", new StringContent("{\"metadata\": ", Encoding.UTF8, "application/json"),
                    uuid: null, cancellationToken);
            case "loudness target out of range":
                return await PostAuphonicAsync(alice, "/api/productions.json",
                    new StringContent("""{"algorithms": {"loudnesstarget": -40}}""", Encoding.UTF8, "application/json"), uuid: null, cancellationToken);
            case "another key's production":
                {
                    var uuid = await CreateProductionAsync(alice, host, cancellationToken);
                    using var bob = fixture.ClientFor(host, ErrorParityFixture.BobKey);
                    using var response = await bob.GetAsync(new Uri($"/api/production/{uuid}.json", UriKind.Relative), cancellationToken);
                    return await AuphonicHostAnswer.ReadAsync(response, uuid, cancellationToken);
                }

            case "text file as input":
                {
                    var uuid = await CreateProductionAsync(alice, host, cancellationToken);
                    return await PostAuphonicAsync(alice, $"/api/production/{uuid}/upload.json",
                        AuphonicForm(("input_file", "notes.txt", Encoding.UTF8.GetBytes("These are show notes, not audio.\n"))), uuid, cancellationToken);
                }

            case "unknown simple field":
                return await PostAuphonicAsync(alice, "/api/simple/productions.json",
                    AuphonicForm(("input_file", "tone.mp3", fixture.Audio), ("title", "Parity"), ("colour", "blue")), uuid: null, cancellationToken);
            case "no key":
                {
                    using var anonymous = fixture.ClientFor(host, key: null);
                    return await PostAuphonicAsync(anonymous, "/api/productions.json", new StringContent("{}", Encoding.UTF8, "application/json"),
                        uuid: null, cancellationToken);
                }

            case "simple upload over the cap":
                return await PostAuphonicAsync(alice, "/api/simple/productions.json",
                    AuphonicForm(("input_file", "tone.mp3", new byte[2 * ErrorParityFixture.MaxUploadBytes]), ("title", "Too big"), ("action", "start")),
                    uuid: null, cancellationToken);
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    }

    private static async Task<string> CreateProductionAsync(HttpClient client, string host, CancellationToken cancellationToken)
    {
        var (status, created) = await AuphonicApi.SendJsonAsync(client, HttpMethod.Post, "/api/productions.json", "{}", cancellationToken);
        Assert.True(status == HttpStatusCode.OK, $"{host} did not create alice's production: {(int)status} {created}");
        return AuphonicApi.Uuid(created);
    }

    // As PostAsync: the body goes once the host asks for it, so a refused upload gets its answer.
    private static async Task<AuphonicHostAnswer> PostAuphonicAsync(HttpClient client, string path, HttpContent content, string? uuid,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request, cancellationToken);
        return await AuphonicHostAnswer.ReadAsync(response, uuid, cancellationToken);
    }

    /// <summary>A form as the document's <c>curl -F name=@file -F name=value</c> lines send one.</summary>
    private static MultipartFormDataContent AuphonicForm((string Name, string FileName, byte[] Bytes) file, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file.Bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, file.Name, file.FileName);
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
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

            case "another key's job events":
                {
                    var (status, accepted) = await JobApi.PostAsync(alice, "/api/jobs/extract-audio", Upload(fixture.Audio, ("output_format", "mp3")), cancellationToken);
                    Assert.True(status == HttpStatusCode.Accepted, $"{host} did not accept alice's job: {(int)status} {accepted}");
                    var id = accepted.GetProperty("jobId").GetString()!;
                    using var bob = fixture.ClientFor(host, ErrorParityFixture.BobKey);
                    using var response = await bob.GetAsync(new Uri($"/api/jobs/{id}/events", UriKind.Relative), cancellationToken);
                    return await HostAnswer.ReadAsync(response, id, cancellationToken);
                }

            case "another key's upload":
                {
                    var id = (await UploadApi.CreateAsync(alice, 1000, "talk.mp4", cancellationToken)).GetProperty("id").GetString()!;
                    using var bob = fixture.ClientFor(host, ErrorParityFixture.BobKey);
                    using var response = await bob.GetAsync(new Uri($"/api/uploads/{id}", UriKind.Relative), cancellationToken);
                    return await HostAnswer.ReadAsync(response, id, cancellationToken);
                }

            case "upload over the cap, as a session":
                return await PostAsync(alice, UploadApi.Route, JobApi.Json(new { size = ErrorParityFixture.MaxUploadBytes + 1 }), cancellationToken);
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

    internal static MultipartFormDataContent Upload(byte[] bytes, params (string Name, string Value)[] fields)
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
