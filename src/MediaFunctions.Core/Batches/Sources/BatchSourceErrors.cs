using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Core.Batches.Sources;

/// <summary>The refusals of a batch URL, each an <see cref="InvalidJobInputException"/> with its own code.</summary>
public static class BatchSourceErrors
{
    /// <summary>The URL is Spotify's, whose audio is DRM-protected.</summary>
    public const string SpotifyNotSupportedCode = "spotify_not_supported";

    /// <summary>The collection has more items than a batch may hold.</summary>
    public const string TooLargeCode = "batch_too_large";

    /// <summary>The feed, list or page holds no item a job could read.</summary>
    public const string NoMediaFoundCode = "no_media_found";

    /// <summary>The document is not a feed the feed reader understands (broken XML, an unknown root).</summary>
    public const string InvalidFeedCode = "invalid_feed";

    /// <summary>The origin did not finish sending the document in time.</summary>
    public const string TimeoutCode = "source_timeout";

    public static InvalidJobInputException SpotifyNotSupported() => new(SpotifyNotSupportedCode,
        "Spotify serves its audio only with DRM, so it cannot be downloaded. For a podcast, use the show's RSS feed instead: " +
        "most podcasts publish one (find it on the podcast's website or in a podcast directory) and its episodes download as a batch.");

    public static InvalidJobInputException TooLarge(int maxItems, int? count) => new(TooLargeCode, count is { } known
        ? $"The source holds {known:N0} items, more than the {maxItems:N0} a batch may hold."
        : $"The source holds more than the {maxItems:N0} items a batch may hold.");

    public static InvalidJobInputException NoMediaFound(string what) => new(NoMediaFoundCode, what);

    public static InvalidJobInputException InvalidFeed(string reason, Exception? innerException = null) =>
        new(InvalidFeedCode, $"The feed could not be read: {reason}", innerException);

    public static InvalidJobInputException Timeout(TimeSpan limit) =>
        new(TimeoutCode, $"The source did not finish answering within {limit.TotalSeconds:0} seconds.");
}
