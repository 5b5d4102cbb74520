namespace MediaFunctions.Core.Sources;

/// <summary>Rules for media read from URLs, bound from the "Sources" section.</summary>
public sealed class SourceOptions
{
    public const string SectionName = "Sources";

    /// <summary>
    /// Lets URL sources point at private, loopback, link-local and unspecified addresses. Off by
    /// default, so a caller cannot make the service read its own network (cloud metadata, storage
    /// emulators, intranet hosts); tests that serve media from loopback turn it on.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
}
