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

    /// <summary>
    /// Networks in CIDR form (<c>10.20.0.0/16</c>, <c>fd00:1::/64</c>, <c>192.0.2.7/32</c>) that are
    /// reachable even though they are private: an operator's own media server, without opening the
    /// whole private address space the way <see cref="AllowPrivateNetworks"/> does.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>The yt-dlp executable for web pages of video sites; empty finds <c>yt-dlp</c> on PATH.</summary>
    public string? YtDlpPath { get; set; }
}
