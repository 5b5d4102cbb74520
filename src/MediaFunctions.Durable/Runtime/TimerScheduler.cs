using System.Collections.Concurrent;

namespace MediaFunctions.Durable.Runtime;

/// <summary>
/// Calls back once the engine's clock reaches a point in time. In memory only: durable timers are re-armed from
/// history when an instance loads.
/// </summary>
internal sealed class TimerScheduler(TimeProvider timeProvider) : IDisposable
{
    // A longer wait is re-armed when it ends: timers have an upper limit, and the wall clock may have been set meanwhile.
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(1);

    // How far the clock may move while a timer is armed before its wait is counted again: far above the real clock's
    // drift between two reads, far below any timer's precision that matters.
    private static readonly TimeSpan ClockJump = TimeSpan.FromMilliseconds(1);

    // Keeps armed timers reachable (an unreferenced timer may be collected before it fires) and lets Dispose stop them.
    private readonly ConcurrentDictionary<ITimer, byte> _armed = new();
    private volatile bool _disposed;

    /// <summary>Calls <paramref name="fire"/> once the clock reads <paramref name="fireAtUtc"/> or later: at once when it already does.</summary>
    public void Schedule(DateTime fireAtUtc, Action fire)
    {
        if (_disposed)
        {
            return;
        }

        var wait = fireAtUtc - timeProvider.GetUtcNow().UtcDateTime;
        if (wait <= TimeSpan.Zero)
        {
            fire();
            return;
        }

        ITimer? timer = null;
        timer = timeProvider.CreateTimer(state =>
        {
            if (_armed.TryRemove(timer!, out _))
            {
                timer!.Dispose();
                Schedule(fireAtUtc, fire);
            }
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _armed[timer] = 0;
        if (_disposed)
        {
            Disarm(timer);
            return;
        }

        // Armed only once registered, so a callback that comes at once still finds it. A clock that jumped while the
        // timer was armed (a test's fake clock, advanced from another thread) left its wait counted from the wrong
        // time: it is armed again from the clock's new reading, or fired when that is past the time.
        while (true)
        {
            var now = timeProvider.GetUtcNow();
            wait = fireAtUtc - now.UtcDateTime;
            if (wait <= TimeSpan.Zero)
            {
                if (_armed.TryRemove(timer, out _))
                {
                    timer.Dispose();
                    fire();
                }

                return;
            }

            timer.Change(wait < MaxWait ? wait : MaxWait, Timeout.InfiniteTimeSpan);
            if (timeProvider.GetUtcNow() - now < ClockJump || !_armed.ContainsKey(timer))
            {
                return;
            }
        }
    }

    /// <summary>Drops every pending callback; later schedules are dropped too.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var timer in _armed.Keys)
        {
            Disarm(timer);
        }
    }

    private void Disarm(ITimer timer)
    {
        if (_armed.TryRemove(timer, out _))
        {
            timer.Dispose();
        }
    }
}
