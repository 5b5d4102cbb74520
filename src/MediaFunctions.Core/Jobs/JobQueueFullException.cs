namespace MediaFunctions.Core.Jobs;

/// <summary>More jobs are queued or running than <see cref="JobOptions.MaxQueuedJobs"/>: answered 503 with Retry-After.</summary>
public sealed class JobQueueFullException(int maxQueuedJobs, TimeSpan retryAfter)
    : Exception($"The service has {maxQueuedJobs} jobs queued or running, its limit; try again in {retryAfter.TotalSeconds:0} s.")
{
    public const string Code = "queue_full";

    public TimeSpan RetryAfter { get; } = retryAfter;
}
