using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Jobs;

/// <summary>
/// Tells a running activity that its job has ended without it: terminated or deleted. Engines do
/// not cancel an activity when its orchestration is terminated (Durable Functions does not either),
/// so a render of a deleted job would otherwise run to the end and publish files nobody owns.
/// Polls the orchestration every <see cref="Interval"/>; <see cref="Token"/> is cancelled once it
/// has ended or is gone, or when the activity's own token is.
/// </summary>
internal sealed class JobEndWatch : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly IOrchestrationClient _orchestrations;
    private readonly string _instanceId;
    private readonly CancellationTokenSource _ended;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;

    public JobEndWatch(IOrchestrationClient orchestrations, string instanceId, CancellationToken cancellationToken)
    {
        _orchestrations = orchestrations;
        _instanceId = instanceId;
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
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(Interval, _stop.Token);
                if (!await IsJobLiveAsync(_stop.Token))
                {
                    await _ended.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed: the activity is done.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A failed look (storage briefly unreachable) is no reason to stop a render; the final check still guards publishing.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _polling.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
        _stop.Dispose();
        _ended.Dispose();
    }
}
