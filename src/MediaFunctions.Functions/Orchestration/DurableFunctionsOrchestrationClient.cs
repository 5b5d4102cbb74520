using MediaFunctions.Orchestration;
using Microsoft.DurableTask.Client;
using DurableMetadata = Microsoft.DurableTask.Client.OrchestrationMetadata;
using DurableStartOptions = Microsoft.DurableTask.StartOrchestrationOptions;
using DurableStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;
using OrchestrationMetadata = MediaFunctions.Orchestration.OrchestrationMetadata;
using OrchestrationRuntimeStatus = MediaFunctions.Orchestration.OrchestrationRuntimeStatus;
using StartOrchestrationOptions = MediaFunctions.Orchestration.StartOrchestrationOptions;

namespace MediaFunctions.Functions.Orchestration;

/// <summary><see cref="IOrchestrationClient"/> over the Durable Functions client the host binds.</summary>
public sealed class DurableFunctionsOrchestrationClient(DurableTaskClientAccessor accessor, IEnumerable<WorkflowRegistration> registrations) : IOrchestrationClient
{
    // As the engine does, a start names an orchestrator the app registered (each has its trigger function).
    private readonly HashSet<string> _orchestrators =
        [.. registrations.Where(registration => registration.Kind == WorkflowKind.Orchestrator).Select(registration => registration.Name)];

    /// <inheritdoc />
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null,
        StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!_orchestrators.Contains(orchestratorName))
        {
            throw new ArgumentException($"There is no orchestrator named '{orchestratorName}'.", nameof(orchestratorName));
        }

        // NOTE: Durable Functions would replace a live instance with the same id only in some
        // backends and fail in others; the engine's contract is to refuse, so check first (a start
        // racing this check still cannot run two instances with one id).
        if (options?.InstanceId is { } id && await IsLiveAsync(id, cancellationToken))
        {
            throw new InstanceExistsException(id);
        }

        return await accessor.Client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input,
            new DurableStartOptions(options?.InstanceId), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        await accessor.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken) is { } metadata
            ? ToMetadata(metadata, getInputsAndOutputs)
            : null;

    /// <inheritdoc />
    public async Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        var filter = new OrchestrationQuery(
            CreatedFrom: query.CreatedFrom,
            CreatedTo: query.CreatedTo,
            Statuses: query.Statuses?.Select(ToDurableStatus).ToList(),
            InstanceIdPrefix: query.InstanceIdPrefix,
            PageSize: query.PageSize,
            FetchInputsAndOutputs: true,
            ContinuationToken: query.ContinuationToken);
        await foreach (var page in accessor.Client.GetAllInstancesAsync(filter).AsPages(query.ContinuationToken, query.PageSize)
            .WithCancellation(cancellationToken))
        {
            return new InstancePage([.. page.Values.Select(metadata => ToMetadata(metadata, query.FetchInputsAndOutputs))], string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return new InstancePage([], null);
    }

    /// <summary>
    /// Always empty: the Durable Functions client of this version has no history API. The
    /// instance routes then answer <c>showHistory=true</c> with an empty <c>historyEvents</c>.
    /// </summary>
    public Task<IReadOnlyList<OrchestrationHistoryEvent>> GetInstanceHistoryAsync(string instanceId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OrchestrationHistoryEvent>>([]);

    /// <inheritdoc />
    public Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default) =>
        SendToLiveInstanceAsync(instanceId, client => client.RaiseEventAsync(instanceId, eventName, eventPayload, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendToLiveInstanceAsync(instanceId, client => client.TerminateInstanceAsync(instanceId, reason, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendToLiveInstanceAsync(instanceId, client => client.SuspendInstanceAsync(instanceId, reason, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendToLiveInstanceAsync(instanceId, client => client.ResumeInstanceAsync(instanceId, reason, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        (await accessor.Client.PurgeInstanceAsync(instanceId, cancellationToken)).PurgedInstanceCount > 0;

    /// <inheritdoc />
    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        ToMetadata(await accessor.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellationToken), getInputsAndOutputs);

    // NOTE: the engine drops a message to an unknown or ended instance; the backends of Durable Functions
    // differ (some queue it for an instance that never comes), so the message is sent only to a live one.
    // A job deleted while its render still reports progress is the usual case.
    private async Task SendToLiveInstanceAsync(string instanceId, Func<DurableTaskClient, Task> send, CancellationToken cancellationToken)
    {
        if (await IsLiveAsync(instanceId, cancellationToken))
        {
            await send(accessor.Client);
        }
    }

    // Only the status is read, without the payloads a job's input can make large: this runs on every progress event.
    private async Task<bool> IsLiveAsync(string instanceId, CancellationToken cancellationToken) =>
        await accessor.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is { } metadata
        && ToMetadata(metadata, withInputsAndOutputs: false).IsRunning;

    // NOTE: asked without inputs and outputs, some Durable Task backends leave out the custom status and the
    // failure details as well, which every status view needs; so every read fetches them all, and the input
    // and output are dropped here unless they were asked for.
    private static OrchestrationMetadata ToMetadata(DurableMetadata metadata, bool withInputsAndOutputs) => new(metadata.Name, metadata.InstanceId)
    {
        RuntimeStatus = ToStatus(metadata.RuntimeStatus),
        CreatedAt = metadata.CreatedAt,
        LastUpdatedAt = metadata.LastUpdatedAt,
        SerializedInput = withInputsAndOutputs ? metadata.SerializedInput : null,
        SerializedOutput = withInputsAndOutputs ? metadata.SerializedOutput : null,
        SerializedCustomStatus = metadata.SerializedCustomStatus,
        FailureDetails = DurableFunctionsOrchestrationContext.ToFailureDetails(metadata.FailureDetails),
    };

    // Both enums name the Durable Task states alike.
    private static OrchestrationRuntimeStatus ToStatus(DurableStatus status) => Enum.Parse<OrchestrationRuntimeStatus>(status.ToString());

    private static DurableStatus ToDurableStatus(OrchestrationRuntimeStatus status) => Enum.Parse<DurableStatus>(status.ToString());
}
