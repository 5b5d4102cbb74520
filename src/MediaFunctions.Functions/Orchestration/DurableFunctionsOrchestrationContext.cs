using MediaFunctions.Orchestration;
using Microsoft.DurableTask;
using DurableFailureDetails = Microsoft.DurableTask.TaskFailureDetails;
using DurableRetryPolicy = Microsoft.DurableTask.RetryPolicy;
using DurableTaskFailedException = Microsoft.DurableTask.TaskFailedException;
using RetryPolicy = MediaFunctions.Orchestration.RetryPolicy;
using TaskFailedException = MediaFunctions.Orchestration.TaskFailedException;
using TaskFailureDetails = MediaFunctions.Orchestration.TaskFailureDetails;

namespace MediaFunctions.Functions.Orchestration;

/// <summary>
/// <see cref="IOrchestrationContext"/> over Durable Functions' <see cref="TaskOrchestrationContext"/>,
/// so the core's orchestrators run unchanged in Azure. Payloads go through the worker's serializer,
/// which Program sets to the engine's JSON settings.
/// </summary>
public sealed class DurableFunctionsOrchestrationContext(TaskOrchestrationContext inner) : IOrchestrationContext
{
    /// <inheritdoc />
    public string InstanceId => inner.InstanceId;

    /// <inheritdoc />
    public string Name => inner.Name.Name;

    /// <inheritdoc />
    public DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

    /// <inheritdoc />
    public bool IsReplaying => inner.IsReplaying;

    /// <inheritdoc />
    /// <remarks>
    /// The trigger's context was built for an input of type object, which the worker's serializer reads
    /// as a <see cref="System.Text.Json.JsonElement"/>; it becomes <typeparamref name="T"/> with the engine's JSON settings.
    /// </remarks>
    public T? GetInput<T>() => inner.GetInput<object?>() switch
    {
        T typed => typed,
        var input => OrchestrationJson.Deserialize<T>(OrchestrationJson.Serialize(input)),
    };

    /// <inheritdoc />
    public Task<T> CallActivityAsync<T>(string name, object? input = null, RetryPolicy? retry = null) =>
        TranslateFailureAsync(() => inner.CallActivityAsync<T>(name, input, ToOptions(retry)));

    /// <inheritdoc />
    public Task CallActivityAsync(string name, object? input = null, RetryPolicy? retry = null) =>
        TranslateFailureAsync(() => inner.CallActivityAsync<object?>(name, input, ToOptions(retry)));

    /// <inheritdoc />
    public Task<T> CallSubOrchestratorAsync<T>(string name, object? input = null, string? instanceId = null, RetryPolicy? retry = null) =>
        TranslateFailureAsync(() => inner.CallSubOrchestratorAsync<T>(name, input, new SubOrchestrationOptions(ToRetryOptions(retry), instanceId)));

    /// <inheritdoc />
    public Task CallSubOrchestratorAsync(string name, object? input = null, string? instanceId = null, RetryPolicy? retry = null) =>
        TranslateFailureAsync(() => inner.CallSubOrchestratorAsync<object?>(name, input, new SubOrchestrationOptions(ToRetryOptions(retry), instanceId)));

    /// <inheritdoc />
    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken = default) => inner.CreateTimer(fireAt, cancellationToken);

    /// <inheritdoc />
    public async Task<T> WaitForExternalEvent<T>(string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (timeout is null)
        {
            return await inner.WaitForExternalEvent<T>(name, cancellationToken);
        }

        // A durable timer races the event, as the engine does, so the timeout survives replays and restarts.
        using var race = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var received = inner.WaitForExternalEvent<T>(name, race.Token);
        var expired = inner.CreateTimer(inner.CurrentUtcDateTime + timeout.Value, race.Token);
        var first = await Task.WhenAny(received, expired);
        // WARNING: the loser is cancelled on the orchestrator's thread. CancelAsync would run the cancellation
        // and this method's continuation on the thread pool, where the SDK's replay never sees them, and the
        // orchestration would hang.
#pragma warning disable CA1849
        race.Cancel();
#pragma warning restore CA1849
        if (first == received)
        {
            return await received;
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new TimeoutException($"Event '{name}' did not arrive within {timeout.Value}.");
    }

    /// <inheritdoc />
    public void SetCustomStatus(object? status) => inner.SetCustomStatus(status);

    /// <inheritdoc />
    public void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true) => inner.ContinueAsNew(newInput, preserveUnprocessedEvents);

    /// <inheritdoc />
    public Guid NewGuid() => inner.NewGuid();

    /// <summary>The engine's failure details for Durable Task's; null stays null.</summary>
    public static TaskFailureDetails? ToFailureDetails(DurableFailureDetails? details) => details is null
        ? null
        : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, ToFailureDetails(details.InnerFailure));

    private static TaskOptions? ToOptions(RetryPolicy? retry) => retry is null ? null : new TaskOptions(ToRetryOptions(retry));

    private static TaskRetryOptions? ToRetryOptions(RetryPolicy? retry) => retry is null
        ? null
        : new TaskRetryOptions(new DurableRetryPolicy(retry.MaxNumberOfAttempts, retry.FirstRetryInterval, retry.BackoffCoefficient, retry.MaxRetryInterval));

    // Orchestrators catch the engine's TaskFailedException (and read its failure details), never Durable Task's.
    private static async Task<T> TranslateFailureAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (DurableTaskFailedException failed)
        {
            throw new TaskFailedException(failed.TaskName, failed.TaskId, ToFailureDetails(failed.FailureDetails)!);
        }
    }
}
