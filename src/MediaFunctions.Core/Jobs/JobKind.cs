namespace MediaFunctions.Core.Jobs;

/// <summary>The kinds of job, by their wire names.</summary>
public static class JobKind
{
    public const string ExtractAudio = "extract-audio";
    public const string Download = "download";
}
