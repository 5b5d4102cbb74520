namespace MediaFunctions.Core.InlineStorage;

/// <summary>How the names of objects written to inline storage are put together.</summary>
public static class InlineStorageKeys
{
    /// <summary>
    /// The parts joined with single slashes, each part's own slashes kept, empty segments dropped:
    /// <c>("videos", "downloads/2024/", "job/clip.mp4")</c> is <c>videos/downloads/2024/job/clip.mp4</c>,
    /// and null or empty parts add nothing.
    /// </summary>
    public static string Combine(params string?[] parts) =>
        string.Join('/', parts.SelectMany(part => (part ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries)));
}
