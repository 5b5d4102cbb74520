using System.Net;
using System.Text;

namespace MediaFunctions.Host.Tests.Batches;

/// <summary>Batch requests refused before anything starts.</summary>
[Collection(BatchCollection.Name)]
public sealed class BatchRequestErrorTests(BatchHostFixture fixture)
{
    [Fact]
    public async Task Create_FormBody_Refused415()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(BatchHostFixture.AliceKey);

        var (status, body) = await JobApi.PostAsync(alice, BatchApi.Route,
            new StringContent($"url={fixture.Origin.EpisodeUrl(1)}", Encoding.UTF8, "application/x-www-form-urlencoded"), timeout.Token);

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"), (status, JobApi.Error(body).Code));
    }

    [Fact]
    public async Task Create_UrlOfOneMediaFile_Refused422NotABatch()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(BatchHostFixture.AliceKey);

        var (status, body) = await JobApi.PostAsync(alice, BatchApi.Route, JobApi.Json(new { url = fixture.Origin.EpisodeUrl(1).AbsoluteUri }), timeout.Token);

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "not_a_batch"), (status, JobApi.Error(body).Code));
        Assert.Contains("POST /api/jobs", JobApi.Error(body).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"format":"mp3"}""", "url")]
    [InlineData("""{"url":"http://127.0.0.1:9/feed.xml","urls":["http://127.0.0.1:9/a.mp3"]}""", "url")]
    [InlineData("""{"urls":["http://127.0.0.1:9/a.mp3"],"filename":"one"}""", "filename")]
    [InlineData("""{"urls":["http://127.0.0.1:9/a.mp3"],"kind":"transcode"}""", "kind")]
    [InlineData("""{"urls":["http://127.0.0.1:9/a.mp3"],"kind":"extract-audio","output_format":"midi"}""", "output_format")]
    [InlineData("""{"urls":["http://127.0.0.1:9/a.mp3"],"item_webhooks":true}""", "webhook_url")]
    [InlineData("""{"urls":["http://127.0.0.1:9/a.mp3"],"concurrency":0}""", "concurrency")]
    public async Task Create_InvalidField_Refused400NamingIt(string json, string field)
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(BatchHostFixture.AliceKey);

        var (status, body) = await JobApi.PostAsync(alice, BatchApi.Route, new StringContent(json, Encoding.UTF8, "application/json"), timeout.Token);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_field"), (status, JobApi.Error(body).Code));
        Assert.Contains(field, JobApi.Error(body).Message, StringComparison.Ordinal);
    }
}
