using MediaFunctions.Core.RateLimits;

namespace MediaFunctions.Core.Tests.RateLimits;

public sealed class RateLimitOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var options = new RateLimitOptions();

        Assert.True(new RateLimitOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(new EffectiveRateLimits(100, 1_000, 10_000), options.For("anyone"));
    }

    [Fact]
    public void Validate_ZeroLimit_FailsNamingTheSetting()
    {
        var result = new RateLimitOptionsValidator().Validate(null, new RateLimitOptions { PerHour = 0 });

        Assert.True(result.Failed);
        Assert.Contains("RateLimits:PerHour must be between 1", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyEntryWithBadIdOrLimit_FailsNamingBoth()
    {
        var options = new RateLimitOptions();
        options.Keys["Alice"] = new KeyRateLimitOptions { PerMinute = 5 };
        options.Keys["bob"] = new KeyRateLimitOptions { PerDay = -1 };

        var result = new RateLimitOptionsValidator().Validate(null, options);

        Assert.Contains("RateLimits:Keys:Alice does not name a key", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("RateLimits:Keys:bob:PerDay must be between 1", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void For_KeyWithSomeLimits_TakesTheRestFromTheDefaults()
    {
        var options = new RateLimitOptions { PerMinute = 10, PerHour = 20, PerDay = 30 };
        options.Keys["alice"] = new KeyRateLimitOptions { PerHour = 5 };

        Assert.Equal(new EffectiveRateLimits(10, 5, 30), options.For("alice"));
    }
}
