namespace MediaFunctions.Core.Jobs;

/// <summary>The stages a job reports in its custom status, in order.</summary>
public static class JobStage
{
    public const string Queued = "queued";
    public const string Extracting = "extracting";
    public const string Completed = "completed";
}
