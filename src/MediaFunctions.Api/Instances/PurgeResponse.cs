namespace MediaFunctions.Api.Instances;

/// <summary>The answer of a purge, as Durable Functions gives it.</summary>
public sealed record PurgeResponse(int InstancesDeleted);
