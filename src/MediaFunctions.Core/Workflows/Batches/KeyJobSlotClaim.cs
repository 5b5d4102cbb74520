namespace MediaFunctions.Core.Workflows.Batches;

/// <summary>A job's claim on one of its key's <paramref name="Capacity"/> slots for running batch jobs.</summary>
public sealed record KeyJobSlotClaim(string KeyId, string JobId, int Capacity);
