using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Jobs;

/// <summary>
/// Tells a running activity that its job has ended without it: terminated or deleted. Engines do
/// not cancel an activity when its orchestration is terminated (Durable Functions does not either),
/// so a render of a deleted job would otherwise run to the end and publish files nobody owns.
/// Polls the orchestration every <see cref="Interval"/> of <see cref="TimeProvider"/> time; <see cref="Token"/>
/// is cancelled once it has ended or is gone, or when the activity's own token is.
/// </summary>
internal sealed class JobEndWatch : IAsyncDisposable
{
    /// <summary>How often the orchestration is looked up.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly IOrchestrationClient _orchestrations;
    private readonly string _instanceId;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _ended;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;

    public JobEndWatch(IOrchestrationClient orchestrations, string instanceId, TimeProvider clock, CancellationToken cancellationToken)
    {
        _orchestrations = orchestrations;
        _instanceId = instanceId;
        _clock = clock;
        _ended = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _polling = PollAsync();
    }

    /// <summary>Cancelled when the job has ended or the activity is cancelled.</summary>
    public CancellationToken Token => _ended.Token;

    /// <summary>Asks the store now: true while the job's orchestration exists and has not finished.</summary>
    public async Task<bool> IsJobLiveAsync(CancellationToken cancellationToken = default) =>
        await _orchestrations.GetInstanceAsync(_instanceId, cancellationToken: cancellationToken) is { IsCompleted: false };

    private async Task PollAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, _clock, _stop.Token);
                if (!await IsJobLiveAsync(_stop.Token))
                {
                    await _ended.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Disposed: the activity is done.
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // A failed look (storage briefly unreachable, a request timing out) is no reason to stop watching:
                // a job deleted after it must still stop the render, so the next look tries again.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _polling;
        _stop.Dispose();
        _ended.Dispose();
    }
}
