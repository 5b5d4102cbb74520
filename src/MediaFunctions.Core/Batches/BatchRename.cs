namespace MediaFunctions.Core.Batches;

/// <summary>A new file name (without extension) for one job of a paused batch.</summary>
public sealed record BatchRename(string JobId, string FileName);
