using System.Net;
using System.Text.Json;
using MediaFunctions.Host.Tests.Jobs;

namespace MediaFunctions.Host.Tests.Idempotency;

/// <summary><c>Idempotency-Key</c> on the routes that create work, against the real host.</summary>
[Collection(JobCollection.Name)]
public sealed class IdempotencyKeyTests(JobHostFixture fixture)
{
    [Fact]
    public async Task ExtractAudio_SameKeyAndFormTwice_SameAnswerReplayedAndOneJob()
    {
        using var timeout = JobApi.Timeout();
        using var erin = fixture.ClientFor(JobHostFixture.ErinKey);
        var key = "retry-" + Guid.NewGuid().ToString("N");
        var before = await JobIdsAsync(erin, timeout.Token);

        // Each form draws its own multipart boundary, as a client's retry would.
        var first = await PostAsync(erin, "/api/jobs/extract-audio", key, JobApi.Form(fixture.Media.Mp4, ("output_format", "mp3")), timeout.Token);
        var second = await PostAsync(erin, "/api/jobs/extract-audio", key, JobApi.Form(fixture.Media.Mp4, ("output_format", "mp3")), timeout.Token);

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal((first.Status, first.Body, first.Location), (second.Status, second.Body, second.Location));
        Assert.Equal((false, true), (first.Replayed, second.Replayed));
        var jobId = JsonDocument.Parse(first.Body).RootElement.GetProperty("jobId").GetString()!;
        var created = (await JobIdsAsync(erin, timeout.Token)).Except(before).ToList();
        Assert.Equal([jobId], created);
    }

    [Fact]
    public async Task ExtractAudio_SameKeyOtherBody_422KeyReused()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var key = "reuse-" + Guid.NewGuid().ToString("N");
        var first = await PostAsync(alice, "/api/jobs/extract-audio", key, JobApi.Form(fixture.Media.Mp4, ("output_format", "mp3")), timeout.Token);

        var other = await PostAsync(alice, "/api/jobs/extract-audio", key, JobApi.Form(fixture.Media.Mp4, ("output_format", "wav")), timeout.Token);

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "idempotency_key_reused"), (other.Status, JobApi.Error(JsonDocument.Parse(other.Body).RootElement).Code));
    }

    [Fact]
    public async Task Upload_SameIdempotencyKeyOnTwoApiKeys_Independent()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        using var bob = fixture.ClientFor(JobHostFixture.BobKey);
        var key = "shared-" + Guid.NewGuid().ToString("N");

        var forAlice = await PostAsync(alice, UploadApi.Route, key, JobApi.Json(new { size = 1000 }), timeout.Token);
        var forBob = await PostAsync(bob, UploadApi.Route, key, JobApi.Json(new { size = 1000 }), timeout.Token);
        var aliceAgain = await PostAsync(alice, UploadApi.Route, key, JobApi.Json(new { size = 1000 }), timeout.Token);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (forAlice.Status, forBob.Status));
        Assert.False(forBob.Replayed);
        Assert.NotEqual(Id(forAlice), Id(forBob));
        Assert.Equal((Id(forAlice), true), (Id(aliceAgain), aliceAgain.Replayed));
    }

    [Theory]
    [InlineData("too long")]
    [InlineData("control character")]
    [InlineData("non-ASCII")]
    public async Task Create_BadIdempotencyKey_400(string name)
    {
        using var timeout = JobApi.Timeout();
        // A header value goes out as ASCII unless the client is told otherwise: this one sends Latin-1, as some clients do.
        using var alice = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.Latin1 })
        {
            BaseAddress = fixture.Host.BaseAddress,
        };
        alice.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", JobHostFixture.AliceKey);
        var key = name switch
        {
            "too long" => new string('k', 256),
            "control character" => "a\tb",
            _ => "clé-é",
        };

        var answer = await PostAsync(alice, UploadApi.Route, key, JobApi.Json(new { size = 1000 }), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        if (name == "non-ASCII")
        {
            // Kestrel refuses a request with non-ASCII header bytes itself, before any of the app runs: a 400 without a body.
            Assert.Empty(answer.Body);
            return;
        }

        Assert.Equal("invalid_idempotency_key", JobApi.Error(JsonDocument.Parse(answer.Body).RootElement).Code);
    }

    [Fact]
    public async Task Upload_SameKeyWhileTheFirstRuns_409InProgressWithRetryAfter()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var key = "inflight-" + Guid.NewGuid().ToString("N");
        var body = "{\"size\": 1000}"u8.ToArray();
        var held = new HeldContent(body);
        var first = PostAsync(alice, UploadApi.Route, key, held, timeout.Token);

        // The first request has claimed the key once its row is in the table (it claims before reading its body).
        var table = new Azure.Data.Tables.TableClient(fixture.StorageConnectionString, "idempotency");
        while (!await table.QueryAsync<Azure.Data.Tables.TableEntity>(entity => entity.PartitionKey == "alice", cancellationToken: timeout.Token)
            .AnyAsync(entity => entity.GetInt32("StatusCode") == 0, timeout.Token))
        {
            await Task.Delay(50, timeout.Token);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(UploadApi.Route, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("Idempotency-Key", key);
        using var duplicate = await alice.SendAsync(request, timeout.Token);
        held.Release();
        var answered = await first;

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("1", duplicate.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var error = JobApi.Error(JsonDocument.Parse(await duplicate.Content.ReadAsStringAsync(timeout.Token)).RootElement);
        Assert.Equal("idempotency_request_in_progress", error.Code);
        Assert.Equal(HttpStatusCode.Created, answered.Status);
    }

    private static string Id(Answer answer) => JsonDocument.Parse(answer.Body).RootElement.GetProperty("id").GetString()!;

    private static async Task<Answer> PostAsync(HttpClient client, string path, string key, HttpContent content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        using var response = await client.SendAsync(request, cancellationToken);
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), response.Headers.Location?.ToString(),
            response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Single() == "true");
    }

    private static async Task<List<string>> JobIdsAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var (status, jobs) = await JobApi.GetAsync(client, "/api/jobs?pageSize=100", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. jobs.EnumerateArray().Select(job => job.GetProperty("id").GetString()!)];
    }

    /// <summary>A JSON body that sends its first byte, then waits for <see cref="Release"/> before the rest.</summary>
    private sealed class HeldContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldContent(byte[] body)
        {
            _body = body;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        public void Release() => _released.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(_body.AsMemory(0, 1));
            await stream.FlushAsync();
            await _released.Task;
            await stream.WriteAsync(_body.AsMemory(1));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }

    private sealed record Answer(HttpStatusCode Status, string Body, string? Location, bool Replayed);
}
