namespace MediaFunctions.Orchestration;

/// <summary>
/// How a failed activity or child orchestration is retried: attempt n (n ≥ 2) waits
/// firstRetryInterval × backoffCoefficient^(n-2), capped at maxRetryInterval.
/// </summary>
public sealed record RetryPolicy
{
    public RetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1.0, TimeSpan? maxRetryInterval = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
    }

    public int MaxNumberOfAttempts { get; }
    public TimeSpan FirstRetryInterval { get; }
    public double BackoffCoefficient { get; }
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>The delay before attempt <paramref name="attempt"/> (2 for the first retry).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, attempt - 2);
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }
}
