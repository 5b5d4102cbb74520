namespace MediaFunctions.Core.Jobs;

/// <summary>The custom status every job orchestration publishes: the stage it is in and how far along (0–100).</summary>
public sealed record JobProgress(string Stage, int Progress);
