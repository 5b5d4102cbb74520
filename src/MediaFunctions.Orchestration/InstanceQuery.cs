namespace MediaFunctions.Orchestration;

/// <summary>A filter over instances, read one page at a time.</summary>
public sealed record InstanceQuery
{
    public const int MaxPageSize = 1000;

    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }
    public DateTimeOffset? CreatedFrom { get; init; }
    public DateTimeOffset? CreatedTo { get; init; }
    public string? InstanceIdPrefix { get; init; }
    public int PageSize { get; init; } = 100;
    public string? ContinuationToken { get; init; }
    public bool FetchInputsAndOutputs { get; init; }
}

/// <summary>One page of a query; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record InstancePage(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
