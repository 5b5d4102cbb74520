namespace MediaFunctions.Durable.Execution;

/// <summary>
/// Runs an orchestrator's continuations one at a time, in the order they were queued, on the
/// thread that pumps it. Together with completions delivered in recorded order, this makes a
/// replay take exactly the path the first run took.
/// </summary>
internal sealed class OrchestrationTaskScheduler : TaskScheduler
{
    private readonly Queue<Task> _queue = new();

    /// <summary>Runs queued continuations until the orchestrator is blocked on something not yet completed.</summary>
    public void RunUntilBlocked()
    {
        var previous = SynchronizationContext.Current;
        // NOTE: a caller's synchronization context (a test runner's, say) would capture the
        // orchestrator's awaits; without one they come back to this scheduler.
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            while (_queue.TryDequeue(out var task))
            {
                TryExecuteTask(task);
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    protected override void QueueTask(Task task) => _queue.Enqueue(task);

    // Inlining would let a continuation run before ones queued earlier.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => _queue;
}
