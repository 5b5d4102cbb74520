namespace MediaFunctions.Durable.Runtime;

/// <summary>Calls back at a point in time. In memory only: durable timers are re-armed from history when an instance loads.</summary>
internal sealed class TimerScheduler
{
    private readonly PriorityQueue<Action, DateTime> _due = new();
    private readonly SemaphoreSlim _changed = new(0);
    private readonly Lock _lock = new();

    public void Schedule(DateTime fireAtUtc, Action fire)
    {
        lock (_lock)
        {
            _due.Enqueue(fire, fireAtUtc);
        }

        _changed.Release();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan wait;
            List<Action> fire = [];
            lock (_lock)
            {
                var now = DateTime.UtcNow;
                while (_due.TryPeek(out var action, out var at) && at <= now)
                {
                    _due.Dequeue();
                    fire.Add(action);
                }

                wait = _due.TryPeek(out _, out var next) ? next - now : TimeSpan.FromSeconds(10);
            }

            fire.ForEach(action => action());
            try
            {
                await _changed.WaitAsync(wait < TimeSpan.FromSeconds(10) ? wait : TimeSpan.FromSeconds(10), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
