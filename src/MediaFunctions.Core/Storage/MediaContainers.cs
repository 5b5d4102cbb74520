namespace MediaFunctions.Core.Storage;

/// <summary>
/// The blob containers and how their blobs are named: every media blob's name starts with the owner's key id. In Azure, a
/// lifecycle rule deletes what <see cref="Inputs"/> and <see cref="Work"/> hold after a day (a backstop to the jobs' own
/// cleanup); <see cref="Productions"/> and <see cref="System"/> hold what must outlive that.
/// </summary>
public static class MediaContainers
{
    public const string Inputs = "inputs";
    public const string Outputs = "outputs";
    public const string Work = "work";

    /// <summary>The inputs of Auphonic productions, kept until the production is deleted.</summary>
    public const string Productions = "productions";

    /// <summary>The keys every host shares, and the data keys of sealed credentials.</summary>
    public const string System = "system";

    /// <summary>Every container, as the hosts create them.</summary>
    public static readonly IReadOnlyList<string> All = [Inputs, Outputs, Work, Productions, System];

    /// <summary>The prefix of every blob of one job in any container.</summary>
    public static string JobPrefix(string keyId, string jobId) => $"{keyId}/{jobId}/";

    /// <summary>Where an uploaded input is staged.</summary>
    public static string InputBlob(string keyId, string jobId) => JobPrefix(keyId, jobId) + "source";

    /// <summary>Where the audio streams split from an uploaded input are staged.</summary>
    public static string InputAudioBlob(string keyId, string jobId) => JobPrefix(keyId, jobId) + "source-audio";

    /// <summary>Where an output file of a job is kept.</summary>
    public static string OutputBlob(string keyId, string jobId, string fileName) => JobPrefix(keyId, jobId) + fileName;
}
