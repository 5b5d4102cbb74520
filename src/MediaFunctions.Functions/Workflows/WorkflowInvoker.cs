using System.Text.Json;
using MediaFunctions.Functions.Orchestration;
using MediaFunctions.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace MediaFunctions.Functions.Workflows;

/// <summary>
/// Runs the core's orchestrators and activities, as registered by name in the service provider
/// (the same registrations the embedded engine runs), for the trigger functions that carry those names.
/// </summary>
public sealed class WorkflowInvoker(IEnumerable<WorkflowRegistration> registrations, IServiceProvider services, DurableTaskClientAccessor clients)
{
    private readonly Dictionary<(string, WorkflowKind), WorkflowRegistration> _registrations =
        registrations.ToDictionary(registration => (registration.Name, registration.Kind));

    /// <summary>Runs (or replays) the orchestrator named as the function over the Durable context.</summary>
    public Task<object?> RunOrchestratorAsync(TaskOrchestrationContext context)
    {
        var orchestrator = (IOrchestrator)Create(context.Name.Name, WorkflowKind.Orchestrator);
        return orchestrator.RunAsync(new DurableFunctionsOrchestrationContext(context));
    }

    /// <summary>Runs the activity named as the function with its JSON input; <paramref name="client"/> serves the activity's own client calls.</summary>
    public Task<object?> RunActivityAsync(JsonElement input, DurableTaskClient client, FunctionContext function)
    {
        clients.Client = client;
        var name = function.FunctionDefinition.Name;
        var instanceId = function.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? "" : "";
        var serializedInput = input.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : input.GetRawText();
        var activity = (IActivity)Create(name, WorkflowKind.Activity);
        return activity.RunAsync(new ActivityContext(name, instanceId, serializedInput), function.CancellationToken);
    }

    private object Create(string name, WorkflowKind kind) =>
        _registrations.TryGetValue((name, kind), out var registration)
            ? registration.Factory(services)
            : throw new InvalidOperationException($"No {kind} named '{name}' is registered; WorkflowCatalog and the registrations disagree.");
}
