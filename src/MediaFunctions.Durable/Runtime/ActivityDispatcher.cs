using System.Threading.Channels;
using MediaFunctions.Durable.Execution;
using MediaFunctions.Durable.History;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaFunctions.Durable.Runtime;

/// <summary>An activity to run and where its result goes.</summary>
internal sealed record ActivityWorkItem(string InstanceId, TaskScheduled Task, Action<CompletionEvent> Complete);

/// <summary>Runs activities on a fixed number of workers, so at most that many run at once.</summary>
internal sealed class ActivityDispatcher(WorkflowRegistry registry, IServiceScopeFactory scopes, ILogger logger)
{
    private readonly Channel<ActivityWorkItem> _queue = Channel.CreateUnbounded<ActivityWorkItem>();

    public void Enqueue(ActivityWorkItem item) => _queue.Writer.TryWrite(item);

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

    private async Task<CompletionEvent?> RunOneAsync(ActivityWorkItem item, CancellationToken cancellationToken)
    {
        var task = item.Task;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var activity = registry.CreateActivity(task.Name, scope.ServiceProvider);
            var result = await activity.RunAsync(new ActivityContext(task.Name, item.InstanceId, task.Input), cancellationToken);
            return new TaskCompleted(task.TaskId, OrchestrationJson.Serialize(result)) { Timestamp = DateTime.UtcNow };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the activity runs again wherever the instance is loaded next.
            return null;
        }
        catch (Exception exception)
        {
            Logs.ActivityFailed(logger, task.Name, item.InstanceId, task.TaskId, exception);
            return new TaskFailed(task.TaskId, TaskFailureDetails.FromException(exception)) { Timestamp = DateTime.UtcNow };
        }
    }
}
