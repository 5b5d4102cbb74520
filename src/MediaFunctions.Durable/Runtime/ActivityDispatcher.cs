using System.Collections.Concurrent;
using System.Threading.Channels;
using MediaFunctions.Durable.Execution;
using MediaFunctions.Durable.History;
using MediaFunctions.Durable.Telemetry;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaFunctions.Durable.Runtime;

/// <summary>An activity to run, the span of the orchestration that scheduled it (default: none), and where its result goes.</summary>
internal sealed record ActivityWorkItem(string InstanceId, TaskScheduled Task, System.Diagnostics.ActivityContext Orchestration, Action<CompletionEvent> Complete);

/// <summary>Runs activities on a fixed number of workers, so at most that many run at once.</summary>
internal sealed class ActivityDispatcher(WorkflowRegistry registry, IServiceScopeFactory scopes, TimeProvider timeProvider, ILogger logger)
{
    private readonly Channel<ActivityWorkItem> _queue = Channel.CreateUnbounded<ActivityWorkItem>();
    // One token per instance with work queued or running, cancelled when the instance ends.
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _instanceTokens = new(StringComparer.Ordinal);

    public void Enqueue(ActivityWorkItem item)
    {
        _instanceTokens.GetOrAdd(item.InstanceId, _ => new CancellationTokenSource());
        _queue.Writer.TryWrite(item);
    }

    /// <summary>Stops the activities of an instance that ended (terminated, say): their results would be dropped anyway.</summary>
    public void CancelInstance(string instanceId)
    {
        if (_instanceTokens.TryRemove(instanceId, out var tokens))
        {
            tokens.Cancel();
            tokens.Dispose();
        }
    }

    public Task RunAsync(int workers, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(cancellationToken), cancellationToken)));

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                var completion = await RunOneAsync(item, cancellationToken);
                if (completion is not null)
                {
                    item.Complete(completion);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task<CompletionEvent?> RunOneAsync(ActivityWorkItem item, CancellationToken stopping)
    {
        var task = item.Task;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var ended = CancelWhenInstanceEnds(item.InstanceId, cancel);
        using var span = DurableTelemetry.StartActivity(task.Name, item.InstanceId, item.Orchestration);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var activity = registry.CreateActivity(task.Name, scope.ServiceProvider);
            var result = await activity.RunAsync(new ActivityContext(task.Name, item.InstanceId, task.Input), cancel.Token);
            return new TaskCompleted(task.TaskId, OrchestrationJson.Serialize(result)) { Timestamp = timeProvider.GetUtcNow().UtcDateTime };
        }
        catch (Exception) when (cancel.IsCancellationRequested)
        {
            // Shutting down (it runs again wherever the instance loads next), or the instance ended.
            return null;
        }
        catch (Exception exception)
        {
            Logs.ActivityFailed(logger, task.Name, item.InstanceId, task.TaskId, exception);
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.GetType().Name);
            return new TaskFailed(task.TaskId, TaskFailureDetails.FromException(exception)) { Timestamp = timeProvider.GetUtcNow().UtcDateTime };
        }
    }

    // Every queued item registered its instance; a missing token means the instance has ended since.
    private CancellationTokenRegistration CancelWhenInstanceEnds(string instanceId, CancellationTokenSource cancel)
    {
        try
        {
            if (_instanceTokens.TryGetValue(instanceId, out var instance))
            {
                return instance.Token.Register(cancel.Cancel);
            }
        }
        catch (ObjectDisposedException)
        {
        }

        cancel.Cancel();
        return default;
    }
}
