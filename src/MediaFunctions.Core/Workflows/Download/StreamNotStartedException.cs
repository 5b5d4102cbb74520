namespace MediaFunctions.Core.Workflows.Download;

/// <summary>A scheduled stream the job waited for did not start in time.</summary>
public sealed class StreamNotStartedException(string message) : Exception(message)
{
    public const string Code = "stream_not_started";
}
