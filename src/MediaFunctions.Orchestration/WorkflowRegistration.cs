using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Orchestration;

/// <summary>Whether a registration is an orchestrator or an activity.</summary>
public enum WorkflowKind
{
    Orchestrator,
    Activity,
}

/// <summary>A named orchestrator or activity and how to create it. Engines find these in the service provider.</summary>
public sealed record WorkflowRegistration(string Name, WorkflowKind Kind, Func<IServiceProvider, object> Factory);

/// <summary>Registers orchestrators and activities by name.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>Registers <typeparamref name="T"/> as an orchestrator named after its type.</summary>
    public static IServiceCollection AddOrchestrator<T>(this IServiceCollection services) where T : class, IOrchestrator =>
        services.AddSingleton(new WorkflowRegistration(typeof(T).Name, WorkflowKind.Orchestrator,
            sp => ActivatorUtilities.CreateInstance<T>(sp)));

    /// <summary>Registers <typeparamref name="T"/> as an activity named after its type.</summary>
    public static IServiceCollection AddActivity<T>(this IServiceCollection services) where T : class, IActivity =>
        services.AddSingleton(new WorkflowRegistration(typeof(T).Name, WorkflowKind.Activity,
            sp => ActivatorUtilities.CreateInstance<T>(sp)));

    /// <summary>Registers a delegate as an orchestrator.</summary>
    public static IServiceCollection AddOrchestrator(this IServiceCollection services, string name, Func<IOrchestrationContext, Task<object?>> run) =>
        services.AddSingleton(new WorkflowRegistration(name, WorkflowKind.Orchestrator, _ => new DelegateOrchestrator(run)));

    /// <summary>Registers a delegate as an activity.</summary>
    public static IServiceCollection AddActivity(this IServiceCollection services, string name, Func<ActivityContext, CancellationToken, Task<object?>> run) =>
        services.AddSingleton(new WorkflowRegistration(name, WorkflowKind.Activity, _ => new DelegateActivity(run)));

    private sealed class DelegateOrchestrator(Func<IOrchestrationContext, Task<object?>> run) : IOrchestrator
    {
        public Task<object?> RunAsync(IOrchestrationContext context) => run(context);
    }

    private sealed class DelegateActivity(Func<ActivityContext, CancellationToken, Task<object?>> run) : IActivity
    {
        public Task<object?> RunAsync(ActivityContext context, CancellationToken cancellationToken) => run(context, cancellationToken);
    }
}
