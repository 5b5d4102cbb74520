namespace MediaFunctions.Core.Uploads;

/// <summary>Where an upload is: its blocks arriving, complete and probed, or taken by a job (which reads it and then deletes it).</summary>
public static class UploadStatus
{
    public const string Pending = "pending";
    public const string Ready = "ready";
    public const string Used = "used";
}
