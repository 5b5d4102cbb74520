namespace MediaFunctions.Core.Jobs;

/// <summary>The stages a job reports in its custom status, in order.</summary>
public static class JobStage
{
    public const string Queued = "queued";

    /// <summary>A download job waits for a scheduled stream to start.</summary>
    public const string Waiting = "waiting";

    public const string Extracting = "extracting";

    /// <summary>A download job fetches the media and writes it with every stream copied.</summary>
    public const string Downloading = "downloading";

    /// <summary>A download job fetches the media and encodes at least one stream.</summary>
    public const string Processing = "processing";

    /// <summary>A download job records a live stream.</summary>
    public const string Recording = "recording";

    /// <summary>A download job stores its files.</summary>
    public const string Uploading = "uploading";

    public const string Completed = "completed";
}
