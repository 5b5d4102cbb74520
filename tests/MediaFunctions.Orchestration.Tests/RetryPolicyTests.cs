namespace MediaFunctions.Orchestration.Tests;

public class RetryPolicyTests
{
    [Theory]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(4, 40)]
    [InlineData(5, 60)]
    [InlineData(9, 60)]
    public void DelayBefore_GrowsByTheCoefficient_UpToTheCap(int attempt, int expectedSeconds)
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(10), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(60));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), policy.DelayBefore(attempt));
    }

    [Fact]
    public void Constructor_OutOfRangeValues_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(0, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(3, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(3, TimeSpan.FromSeconds(1), backoffCoefficient: 0.5));
    }
}
