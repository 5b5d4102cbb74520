using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MediaFunctions.Testing;

namespace MediaFunctions.Host.Tests.RateLimits;

public sealed class RateLimitTests(RateLimitHostsFixture fixture) : IClassFixture<RateLimitHostsFixture>
{
    [Fact]
    public async Task Burst_SpreadOverTwoHostsOnOneStorage_GetsExactlyTheLimitThrough()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var first = RateLimitHostsFixture.ClientFor(fixture.First, "burst");
        using var second = RateLimitHostsFixture.ClientFor(fixture.Second, "burst");

        var responses = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(i => (i % 2 == 0 ? first : second).GetAsync(new Uri("/api/jobs", UriKind.Relative), timeout.Token)));
        try
        {
            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.True(statuses.Count(s => s == HttpStatusCode.OK) == 5, string.Join(", ", statuses));
            Assert.Equal(11, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
            foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests))
            {
                Assert.Equal(RateLimitHostsFixture.NextMinute - RateLimitHostsFixture.Now, refused.Headers.RetryAfter?.Delta);
                Assert.Equal(("5", "0"), (Header(refused, "X-RateLimit-Limit"), Header(refused, "X-RateLimit-Remaining")));
                var error = (await refused.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("error");
                Assert.Equal("too_many_requests", error.GetProperty("code").GetString());
                Assert.Contains("5 requests per minute", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task KeyedResponses_SuccessAndError_CarryTheKeysRemainingCountAndReset()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var client = RateLimitHostsFixture.ClientFor(fixture.First, "headers");
        var nextMinute = RateLimitHostsFixture.NextMinute.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        using var ok = await client.GetAsync(new Uri("/api/jobs", UriKind.Relative), timeout.Token);
        using var unsupported = await client.PostAsync(new Uri("/api/jobs/extract-audio", UriKind.Relative),
            new StringContent("not a form", Encoding.UTF8, "text/plain"), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(("4", "3", nextMinute), (Header(ok, "X-RateLimit-Limit"), Header(ok, "X-RateLimit-Remaining"), Header(ok, "X-RateLimit-Reset")));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
        Assert.Equal(("4", "2", nextMinute),
            (Header(unsupported, "X-RateLimit-Limit"), Header(unsupported, "X-RateLimit-Remaining"), Header(unsupported, "X-RateLimit-Reset")));
    }

    [Fact]
    public async Task OpenRoutes_CalledWithAKey_AreNeitherLimitedNorCounted()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var client = RateLimitHostsFixture.ClientFor(fixture.Second, "exempt");

        foreach (var path in new[] { "/api/health", "/api/health", "/openapi/v1.json", "/docs", "/api/files/not-a-token" })
        {
            using var open = await client.GetAsync(new Uri(path, UriKind.Relative), timeout.Token);
            Assert.True(open.StatusCode is not HttpStatusCode.TooManyRequests, $"{path}: {open.StatusCode}");
            Assert.False(open.Headers.Contains("X-RateLimit-Remaining"), path);
        }

        using var keyed = await client.GetAsync(new Uri("/api/jobs", UriKind.Relative), timeout.Token);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.Equal("0", Header(keyed, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Dialects_NativeApyHubAndInstanceRoutes_ShareOneCount()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var first = RateLimitHostsFixture.ClientFor(fixture.First, "dialect");
        using var second = RateLimitHostsFixture.ClientFor(fixture.Second, "dialect");

        using var native = await first.GetAsync(new Uri("/api/jobs", UriKind.Relative), timeout.Token);
        using var apyHub = await second.GetAsync(new Uri("/job/status/dialect-unknown", UriKind.Relative), timeout.Token);
        using var instances = await first.GetAsync(new Uri("/api/instances", UriKind.Relative), timeout.Token);
        using var apyHubOver = await second.GetAsync(new Uri("/job/status/dialect-unknown", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, native.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, apyHub.StatusCode);
        Assert.Equal("0", Header(apyHub, "X-RateLimit-Remaining"));
        Assert.Equal(HttpStatusCode.TooManyRequests, instances.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, apyHubOver.StatusCode);
        Assert.NotNull(apyHubOver.Headers.RetryAfter);
    }

    [Fact]
    public async Task Start_LimitOfZero_ExitsNamingTheSetting()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var host = new HostProcess(new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = "UseDevelopmentStorage=true",
            ["Durable__Store"] = "InMemory",
            ["RateLimits__Keys__alice__PerMinute"] = "0",
        });

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(timeout.Token));

        Assert.Contains("RateLimits:Keys:alice:PerMinute must be between 1", failure.Message, StringComparison.Ordinal);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
