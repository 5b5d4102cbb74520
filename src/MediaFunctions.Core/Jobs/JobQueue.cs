using MediaFunctions.Core.Workflows;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Jobs;

/// <summary>
/// Holds the number of jobs queued or running under <see cref="JobOptions.MaxQueuedJobs"/>. The count is a
/// query of the instance store, remembered for <see cref="CountLifetime"/> so a burst of requests costs one.
/// </summary>
public sealed class JobQueue(IOrchestrationClient orchestrations, IOptions<JobOptions> options, TimeProvider clock)
{
    /// <summary>How long a count is trusted.</summary>
    public static readonly TimeSpan CountLifetime = TimeSpan.FromSeconds(2);

    /// <summary>What a refused caller is told to wait.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _counting = new(1, 1);
    private (int Count, DateTimeOffset At)? _last;

    /// <exception cref="JobQueueFullException">The queue is at its limit.</exception>
    public async Task ThrowIfFullAsync(CancellationToken cancellationToken = default)
    {
        var limit = options.Value.MaxQueuedJobs;
        if (limit > 0 && await CountAsync(limit, cancellationToken) >= limit)
        {
            throw new JobQueueFullException(limit, RetryAfter);
        }
    }

    /// <summary>A job was just started: counted until the next query sees it.</summary>
    public void Started()
    {
        if (_last is { } last)
        {
            _last = (last.Count + 1, last.At);
        }
    }

    // Counts up to the limit only: past it, the exact number does not matter.
    private async Task<int> CountAsync(int limit, CancellationToken cancellationToken)
    {
        await _counting.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && clock.GetUtcNow() - last.At < CountLifetime)
            {
                return last.Count;
            }

            var count = 0;
            string? continuation = null;
            do
            {
                var page = await orchestrations.QueryInstancesAsync(new InstanceQuery
                {
                    Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running],
                    PageSize = InstanceQuery.MaxPageSize,
                    ContinuationToken = continuation,
                }, cancellationToken);
                count += page.Instances.Count(instance => WorkflowCatalog.JobOrchestrators.Contains(instance.Name));
                continuation = page.ContinuationToken;
            }
            while (continuation is not null && count < limit);

            _last = (count, clock.GetUtcNow());
            return count;
        }
        finally
        {
            _counting.Release();
        }
    }
}
