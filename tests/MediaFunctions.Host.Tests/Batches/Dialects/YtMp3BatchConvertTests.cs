using System.Net;
using System.Text.Json;
using MediaFunctions.Host.Tests.Jobs;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Host.Tests.Batches.Dialects;

/// <summary>The YouTube-to-MP3 dialect's <c>POST /batch-convert</c>, each conversion followed at <c>/status/{id}</c>.</summary>
[Collection(JobCollection.Name)]
public sealed class YtMp3BatchConvertTests(JobHostFixture fixture, BatchSourceOrigin origin) : IClassFixture<BatchSourceOrigin>
{
    [Fact]
    public async Task BatchConvert_GoodAndBadUrls_ReportsTheBadOnesAndConvertsTheRest()
    {
        using var timeout = JobApi.Timeout(120);
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        string[] urls = [origin.EpisodeUrl(1).AbsoluteUri, "not a url", origin.EpisodeUrl(2).AbsoluteUri, "ftp://example.com/tone.mp3"];

        var (status, body) = await JobApi.PostAsync(alice, "/batch-convert", JobApi.Json(new { urls, quality = "medium" }), timeout.Token);

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("batch_id").GetString()));
        var jobs = body.GetProperty("jobs").EnumerateArray().ToList();
        Assert.Equal(urls, jobs.Select(job => job.GetProperty("url").GetString()));
        foreach (var refused in new[] { jobs[1], jobs[3] })
        {
            Assert.False(refused.TryGetProperty("conversion_id", out _), refused.ToString());
            Assert.Equal("failed", refused.GetProperty("status").GetString());
            Assert.Equal("invalid_url", JobApi.Error(refused).Code);
        }

        foreach (var accepted in new[] { jobs[0], jobs[2] })
        {
            Assert.Equal("pending", accepted.GetProperty("status").GetString());
            Assert.Equal(0, accepted.GetProperty("progress").GetInt32());
            var conversion = await WaitAsync(alice, accepted.GetProperty("conversion_id").GetString()!, timeout.Token);
            Assert.True(conversion.GetProperty("status").GetString() == "completed", conversion.ToString());
            var file = await JobApi.DownloadAsync(conversion.GetProperty("download_url").GetString()!, fixture.Media.NewOutputFolder(), timeout.Token);
            var mp3 = Assert.Single((await JobApi.ProbeAsync(file, timeout.Token)).Streams);
            Assert.Equal("mp3", mp3.CodecName);
            Assert.Equal(192_000, mp3.BitRate);
        }
    }

    [Theory]
    [InlineData("{\"quality\":\"high\"}", "invalid_urls")]
    [InlineData("{\"urls\":[]}", "invalid_urls")]
    [InlineData("{\"urls\":[\"https://example.com/a.mp4\"],\"quality\":\"ultra\"}", "invalid_quality")]
    [InlineData("{\"urls\":\"https://example.com/a.mp4\"}", "invalid_json")]
    public async Task BatchConvert_BadRequest_400WithTheEnvelope(string json, string code)
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);

        var (status, body) = await JobApi.PostAsync(alice, "/batch-convert", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, JobApi.Error(body).Code);
    }

    [Fact]
    public async Task BatchConvert_MoreUrlsThanMaxItems_400()
    {
        using var timeout = JobApi.Timeout();
        using var alice = fixture.ClientFor(JobHostFixture.AliceKey);
        var urls = Enumerable.Range(0, 1001).Select(number => $"https://example.com/{number}.mp4").ToArray();

        var (status, body) = await JobApi.PostAsync(alice, "/batch-convert", JobApi.Json(new { urls }), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("1,000", JobApi.Error(body).Message, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> WaitAsync(HttpClient client, string conversionId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (status, body) = await JobApi.GetAsync(client, $"/status/{conversionId}", cancellationToken);
            Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
            if (body.GetProperty("status").GetString() is "completed" or "failed" or "cancelled")
            {
                return body;
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}
