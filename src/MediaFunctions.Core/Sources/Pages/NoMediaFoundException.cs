namespace MediaFunctions.Core.Sources.Pages;

/// <summary>A page URL from which yt-dlp could extract no media (422 <c>no_media_found</c>); the message carries yt-dlp's reason.</summary>
public sealed class NoMediaFoundException(Uri pageUrl, string reason)
    : Exception($"No media could be extracted from the page: {reason}")
{
    /// <summary>The error code the API answers with.</summary>
    public const string Code = "no_media_found";

    public Uri PageUrl { get; } = pageUrl;
}
