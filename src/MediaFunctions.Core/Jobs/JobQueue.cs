using MediaFunctions.Core.Telemetry;
using MediaFunctions.Core.Workflows;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Jobs;

/// <summary>
/// Holds the number of jobs queued or running under <see cref="JobOptions.MaxQueuedJobs"/>. The count is a
/// query of the instance store, remembered for <see cref="CountLifetime"/> so a burst of requests costs one. The last
/// count is also the <c>mediafunctions.jobs.queued</c> gauge: reading it never queries the store.
/// </summary>
public sealed class JobQueue
{
    /// <summary>How long a count is trusted.</summary>
    public static readonly TimeSpan CountLifetime = TimeSpan.FromSeconds(2);

    /// <summary>What a refused caller is told to wait.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _counting = new(1, 1);
    private readonly IOrchestrationClient _orchestrations;
    private readonly IOptions<JobOptions> _options;
    private readonly TimeProvider _clock;
    private (int Count, DateTimeOffset At)? _last;
    // The last count for the gauge, read on the exporter's thread: -1 until the first count.
    private int _observed = -1;

    public JobQueue(IOrchestrationClient orchestrations, IOptions<JobOptions> options, TimeProvider clock, MediaFunctionsMetrics metrics)
    {
        _orchestrations = orchestrations;
        _options = options;
        _clock = clock;
        metrics.ObserveQueuedJobs(() => Volatile.Read(ref _observed) is >= 0 and var observed ? observed : null);
    }

    /// <exception cref="JobQueueFullException">The queue is at its limit.</exception>
    public async Task ThrowIfFullAsync(CancellationToken cancellationToken = default)
    {
        var limit = _options.Value.MaxQueuedJobs;
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
            Volatile.Write(ref _observed, last.Count + 1);
        }
    }

    // Counts up to the limit only: past it, the exact number does not matter.
    private async Task<int> CountAsync(int limit, CancellationToken cancellationToken)
    {
        await _counting.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && _clock.GetUtcNow() - last.At < CountLifetime)
            {
                return last.Count;
            }

            var count = 0;
            string? continuation = null;
            do
            {
                var page = await _orchestrations.QueryInstancesAsync(new InstanceQuery
                {
                    Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running],
                    PageSize = InstanceQuery.MaxPageSize,
                    ContinuationToken = continuation,
                }, cancellationToken);
                count += page.Instances.Count(instance => WorkflowCatalog.JobOrchestrators.Contains(instance.Name));
                continuation = page.ContinuationToken;
            }
            while (continuation is not null && count < limit);

            _last = (count, _clock.GetUtcNow());
            Volatile.Write(ref _observed, count);
            return count;
        }
        finally
        {
            _counting.Release();
        }
    }
}
