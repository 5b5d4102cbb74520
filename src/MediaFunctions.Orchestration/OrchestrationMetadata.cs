using System.Text.Json;

namespace MediaFunctions.Orchestration;

/// <summary>The state of one instance as clients see it. Payloads are JSON text.</summary>
public sealed record OrchestrationMetadata(string Name, string InstanceId)
{
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastUpdatedAt { get; init; }
    public string? SerializedInput { get; init; }
    public string? SerializedOutput { get; init; }
    public string? SerializedCustomStatus { get; init; }
    public TaskFailureDetails? FailureDetails { get; init; }

    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    public T? ReadInputAs<T>() => OrchestrationJson.Deserialize<T>(SerializedInput);
    public T? ReadOutputAs<T>() => OrchestrationJson.Deserialize<T>(SerializedOutput);
    public T? ReadCustomStatusAs<T>() => OrchestrationJson.Deserialize<T>(SerializedCustomStatus);
}

/// <summary>Why a task, activity or orchestration failed.</summary>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace = null, TaskFailureDetails? InnerFailure = null)
{
    /// <summary>Details of an exception, its inner exceptions included.</summary>
    public static TaskFailureDetails FromException(Exception exception) => exception switch
    {
        // Keeps which task failed, with the task's own failure inside.
        TaskFailedException failed => new(typeof(TaskFailedException).FullName!, failed.Message, failed.StackTrace, failed.FailureDetails),
        _ => new(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException)),
    };

    /// <summary>True when the failure, or one inside it, is of the given exception type.</summary>
    public bool IsCausedBy<TException>() where TException : Exception =>
        ErrorType == typeof(TException).FullName || (InnerFailure?.IsCausedBy<TException>() ?? false);
}

/// <summary>The serializer settings every payload goes through, so both hosts agree on the JSON.</summary>
public static class OrchestrationJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public static T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);

    public static object? Deserialize(string? json, Type type) => json is null ? null : JsonSerializer.Deserialize(json, type, Options);
}
