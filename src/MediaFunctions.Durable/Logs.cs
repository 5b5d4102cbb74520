using Microsoft.Extensions.Logging;

namespace MediaFunctions.Durable;

/// <summary>The engine's log messages, with fixed event ids.</summary>
internal static partial class Logs
{
    [LoggerMessage(1001, LogLevel.Information, "Embedded durable engine started: task hub {TaskHub}, store {Store}, {PartitionCount} partitions, owner {Owner}.")]
    public static partial void EngineStarted(ILogger logger, string taskHub, string store, int partitionCount, string owner);

    [LoggerMessage(1002, LogLevel.Information, "Acquired partition {Partition}; resuming {Count} unfinished instances.")]
    public static partial void PartitionAcquired(ILogger logger, int partition, int count);

    [LoggerMessage(1003, LogLevel.Warning, "Lost the lease on partition {Partition}; its instances move to another process.")]
    public static partial void PartitionLost(ILogger logger, int partition);

    [LoggerMessage(1004, LogLevel.Warning, "Activity {Name} of instance {InstanceId} (task {TaskId}) failed.")]
    public static partial void ActivityFailed(ILogger logger, string name, string instanceId, int taskId, Exception exception);

    [LoggerMessage(1005, LogLevel.Error, "Instance {InstanceId} failed: {Message}")]
    public static partial void InstanceFailed(ILogger logger, string instanceId, string message);

    [LoggerMessage(1006, LogLevel.Warning, "Step of instance {InstanceId} could not be stored; retrying.")]
    public static partial void StepFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(1007, LogLevel.Debug, "Instance {InstanceId} was changed by another writer; reloading.")]
    public static partial void StepConflict(ILogger logger, string instanceId);

    [LoggerMessage(1008, LogLevel.Warning, "A background loop of the engine failed; it continues.")]
    public static partial void LoopFailed(ILogger logger, Exception exception);
}
