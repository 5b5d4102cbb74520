namespace MediaFunctions.Orchestration;

/// <summary>An activity: the unit of I/O. It runs at least once, so it must be idempotent.</summary>
public interface IActivity
{
    Task<object?> RunAsync(ActivityContext context, CancellationToken cancellationToken);
}

/// <summary>A typed activity; the input is deserialized from the scheduled input.</summary>
public abstract class Activity<TInput, TOutput> : IActivity
{
    public abstract Task<TOutput> RunAsync(ActivityContext context, TInput input, CancellationToken cancellationToken);

    async Task<object?> IActivity.RunAsync(ActivityContext context, CancellationToken cancellationToken) =>
        await RunAsync(context, context.GetInput<TInput>()!, cancellationToken);
}

/// <summary>What an activity knows about the call that scheduled it.</summary>
public sealed class ActivityContext(string name, string instanceId, string? serializedInput)
{
    public string Name { get; } = name;
    public string InstanceId { get; } = instanceId;
    public string? SerializedInput { get; } = serializedInput;

    public T? GetInput<T>() => OrchestrationJson.Deserialize<T>(SerializedInput);
}
