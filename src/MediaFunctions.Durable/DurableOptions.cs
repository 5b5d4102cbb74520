using System.ComponentModel.DataAnnotations;

namespace MediaFunctions.Durable;

/// <summary>Settings of the embedded engine, bound from the "Durable" section.</summary>
public sealed class DurableOptions
{
    public const string SectionName = "Durable";

    /// <summary>Names the tables and containers; several hubs can share one storage account.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "Durable:TaskHub must be 3–45 letters or digits, starting with a letter.")]
    public string TaskHub { get; set; } = "MediaFunctions";

    /// <summary>"AzureStorage" (tables and blobs, the default) or "InMemory" (nothing survives a restart).</summary>
    [Required, RegularExpression("^(AzureStorage|InMemory)$", ErrorMessage = "Durable:Store must be AzureStorage or InMemory.")]
    public string Store { get; set; } = "AzureStorage";

    /// <summary>Instances are spread over this many leased partitions; a process runs the instances of the partitions it holds.</summary>
    [Range(1, 64)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>How long a partition lease lasts without renewal; a dead process's instances move after at most this long.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a process looks for work that another process signalled.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Activities running at once in this process.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentActivities { get; set; } = Environment.ProcessorCount;

    /// <summary>Orchestrations kept loaded in memory between steps; others are replayed from history when they wake.</summary>
    [Range(1, 100_000)]
    public int MaxLoadedOrchestrations { get; set; } = 1000;

    /// <summary>Registers the Diagnostics.* orchestrators that tests and health checks use.</summary>
    public bool EnableDiagnosticWorkflows { get; set; }
}
