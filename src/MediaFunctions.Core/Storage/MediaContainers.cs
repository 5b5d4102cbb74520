namespace MediaFunctions.Core.Storage;

/// <summary>The blob containers of jobs and how their blobs are named: every name starts with the owner's key id.</summary>
public static class MediaContainers
{
    public const string Inputs = "inputs";
    public const string Outputs = "outputs";
    public const string Work = "work";

    /// <summary>The prefix of every blob of one job in any container.</summary>
    public static string JobPrefix(string keyId, string jobId) => $"{keyId}/{jobId}/";

    /// <summary>Where an uploaded input is staged.</summary>
    public static string InputBlob(string keyId, string jobId) => JobPrefix(keyId, jobId) + "source";

    /// <summary>Where the audio streams split from an uploaded input are staged.</summary>
    public static string InputAudioBlob(string keyId, string jobId) => JobPrefix(keyId, jobId) + "source-audio";

    /// <summary>Where an output file of a job is kept.</summary>
    public static string OutputBlob(string keyId, string jobId, string fileName) => JobPrefix(keyId, jobId) + fileName;
}
