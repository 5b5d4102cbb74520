using MediaFunctions.Orchestration;

namespace MediaFunctions.Durable.Execution;

/// <summary>The orchestrators and activities registered in the service provider, by name.</summary>
public sealed class WorkflowRegistry
{
    private readonly Dictionary<string, WorkflowRegistration> _orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowRegistration> _activities = new(StringComparer.Ordinal);

    public WorkflowRegistry(IEnumerable<WorkflowRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            var map = registration.Kind == WorkflowKind.Orchestrator ? _orchestrators : _activities;
            if (!map.TryAdd(registration.Name, registration))
            {
                throw new InvalidOperationException($"The {registration.Kind.ToString().ToLowerInvariant()} '{registration.Name}' is registered twice.");
            }
        }
    }

    public bool HasOrchestrator(string name) => _orchestrators.ContainsKey(name);

    public IOrchestrator CreateOrchestrator(string name, IServiceProvider services) =>
        _orchestrators.TryGetValue(name, out var registration)
            ? (IOrchestrator)registration.Factory(services)
            : throw new InvalidOperationException($"No orchestrator named '{name}' is registered.");

    public IActivity CreateActivity(string name, IServiceProvider services) =>
        _activities.TryGetValue(name, out var registration)
            ? (IActivity)registration.Factory(services)
            : throw new InvalidOperationException($"No activity named '{name}' is registered.");
}
