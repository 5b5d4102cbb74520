namespace MediaFunctions.Orchestration;

/// <summary>An orchestrator: deterministic code that schedules work through its context.</summary>
public interface IOrchestrator
{
    /// <summary>Runs (or replays) the orchestration and returns its output.</summary>
    Task<object?> RunAsync(IOrchestrationContext context);
}

/// <summary>A typed orchestrator; the input is deserialized from the instance's input.</summary>
public abstract class Orchestrator<TInput, TOutput> : IOrchestrator
{
    public abstract Task<TOutput> RunAsync(IOrchestrationContext context, TInput input);

    async Task<object?> IOrchestrator.RunAsync(IOrchestrationContext context) =>
        await RunAsync(context, context.GetInput<TInput>()!);
}
