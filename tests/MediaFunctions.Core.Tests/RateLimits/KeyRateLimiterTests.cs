using Azure.Data.Tables;
using MediaFunctions.Core.RateLimits;
using MediaFunctions.Testing;
using Microsoft.Extensions.Time.Testing;

namespace MediaFunctions.Core.Tests.RateLimits;

public sealed class KeyRateLimiterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    // Half a minute into a minute, so no test crosses a window it does not mean to.
    private static readonly DateTimeOffset Noon = new(2026, 3, 14, 12, 0, 30, TimeSpan.Zero);

    [Fact]
    public async Task AcquireAsync_ConcurrentBurstFromTwoProcesses_AllowsExactlyTheLimit()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var options = Options(perMinute: 7);
        var clock = new FakeTimeProvider(Noon);
        var first = Limiter(options, clock);
        var second = Limiter(options, clock);

        var decisions = await Task.WhenAll(Enumerable.Range(0, 30)
            .Select(i => (i % 2 == 0 ? first : second).AcquireAsync("burst", timeout.Token)));

        Assert.Equal(7, decisions.Count(d => d.IsAllowed));
        Assert.All(decisions.Where(d => !d.IsAllowed), d => Assert.Equal((RateLimitWindow.Minute, 0), (d.Window, d.Remaining)));
        Assert.Equal([6, 5, 4, 3, 2, 1, 0], decisions.Where(d => d.IsAllowed).Select(d => d.Remaining).Order().Reverse());
    }

    [Fact]
    public async Task AcquireAsync_Allowed_ReportsTheWindowWithFewestLeftAndItsEnd()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var limiter = Limiter(Options(perMinute: 5, perHour: 100), new FakeTimeProvider(Noon));

        var decision = await limiter.AcquireAsync("report", timeout.Token);

        Assert.Equal(new RateLimitDecision(true, RateLimitWindow.Minute, 5, 4, new DateTimeOffset(2026, 3, 14, 12, 1, 0, TimeSpan.Zero)), decision);
    }

    [Fact]
    public async Task AcquireAsync_RefusedRequests_AreNotCountedInLongerWindows()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var clock = new FakeTimeProvider(Noon);
        var limiter = Limiter(Options(perMinute: 2, perHour: 3), clock);
        var firstMinute = new List<RateLimitDecision>();
        for (var i = 0; i < 5; i++)
        {
            firstMinute.Add(await limiter.AcquireAsync("refused", timeout.Token));
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        var nextMinute = await limiter.AcquireAsync("refused", timeout.Token);
        var overHour = await limiter.AcquireAsync("refused", timeout.Token);

        Assert.Equal([true, true, false, false, false], firstMinute.Select(d => d.IsAllowed));
        Assert.True(nextMinute.IsAllowed);
        Assert.Equal((RateLimitWindow.Hour, 3, 0), (nextMinute.Window, nextMinute.Limit, nextMinute.Remaining));
        Assert.Equal(new RateLimitDecision(false, RateLimitWindow.Hour, 3, 0, new DateTimeOffset(2026, 3, 14, 13, 0, 0, TimeSpan.Zero)), overHour);
    }

    [Fact]
    public async Task AcquireAsync_FullMinuteAndFullDay_RefusesUntilTheDayEnds()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var clock = new FakeTimeProvider(Noon);
        var limiter = Limiter(Options(perMinute: 1, perHour: 10, perDay: 1), clock);
        await limiter.AcquireAsync("day", timeout.Token);

        var refused = await limiter.AcquireAsync("day", timeout.Token);
        clock.Advance(TimeSpan.FromHours(12));
        var nextDay = await limiter.AcquireAsync("day", timeout.Token);

        Assert.Equal(new RateLimitDecision(false, RateLimitWindow.Day, 1, 0, new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero)), refused);
        Assert.True(nextDay.IsAllowed);
    }

    [Fact]
    public async Task AcquireAsync_KeyWithOwnLimits_UsesThemAndOtherKeysKeepTheDefaults()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var options = Options(perMinute: 50);
        options.Keys["tight"] = new KeyRateLimitOptions { PerMinute = 1 };
        var limiter = Limiter(options, new FakeTimeProvider(Noon));

        await limiter.AcquireAsync("tight", timeout.Token);
        var tight = await limiter.AcquireAsync("tight", timeout.Token);
        var other = await limiter.AcquireAsync("loose", timeout.Token);

        Assert.Equal((false, 1), (tight.IsAllowed, tight.Limit));
        Assert.Equal((true, 50, 49), (other.IsAllowed, other.Limit, other.Remaining));
    }

    [Fact]
    public async Task AcquireAsync_OtherProcessCountedMeanwhile_SeesItsCount()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var options = Options(perMinute: 10);
        var clock = new FakeTimeProvider(Noon);
        var first = Limiter(options, clock);
        var second = Limiter(options, clock);
        await first.AcquireAsync("shared", timeout.Token);

        for (var i = 0; i < 3; i++)
        {
            await second.AcquireAsync("shared", timeout.Token);
        }

        Assert.Equal(5, (await first.AcquireAsync("shared", timeout.Token)).Remaining);
    }

    private KeyRateLimiter Limiter(RateLimitOptions options, TimeProvider clock) =>
        new(new TableServiceClient(azurite.ConnectionString), Microsoft.Extensions.Options.Options.Create(options), clock);

    private static RateLimitOptions Options(int perMinute, int perHour = 1_000, int perDay = 10_000) =>
        new() { PerMinute = perMinute, PerHour = perHour, PerDay = perDay };
}
