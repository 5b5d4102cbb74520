using System.ServiceModel.Syndication;
using System.Xml;
using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Core.Batches.Sources;

/// <summary>
/// Reads a podcast's RSS 2.0 (with iTunes tags) or Atom 1.0 feed with System.ServiceModel.Syndication,
/// straight from the body stream: each episode with an enclosure becomes an item (its title, description,
/// release date, <c>itunes:duration</c>, and <c>itunes:image</c> or else the show's); episodes without one
/// are skipped.
/// </summary>
internal static class PodcastFeedReader
{
    private const string ItunesNamespace = "http://www.itunes.com/dtds/podcast-1.0.dtd";

    /// <summary>Reads the feed; throws <c>invalid_feed</c>, <c>batch_too_large</c> past <paramref name="maxItems"/> episodes, or <c>no_media_found</c>.</summary>
    /// <param name="body">The feed document; read synchronously (the feed library has no asynchronous reader).</param>
    /// <param name="feedUrl">The URL that answered, against which relative enclosure URLs resolve.</param>
    public static BatchSource Read(Stream body, Uri feedUrl, int maxItems)
    {
        var feed = Load(body);
        var showImage = ItunesImage(feed.ElementExtensions, feedUrl) ?? HttpUrl(feedUrl, feed.ImageUrl);
        var items = new List<BatchSourceItem>();
        var episodes = 0;
        foreach (var item in feed.Items)
        {
            if (Enclosure(item, feedUrl) is not { } enclosure)
            {
                continue;
            }

            if (++episodes > maxItems)
            {
                continue;
            }

            items.Add(new BatchSourceItem(
                enclosure,
                Text(item.Title),
                Text(item.Summary) ?? (item.Content as TextSyndicationContent)?.Text?.Trim() ?? ItunesText(item.ElementExtensions, "summary"),
                Date(item.PublishDate) ?? Date(item.LastUpdatedTime),
                Duration(ItunesText(item.ElementExtensions, "duration")),
                ItunesImage(item.ElementExtensions, feedUrl) ?? showImage));
        }

        if (episodes > maxItems)
        {
            throw BatchSourceErrors.TooLarge(maxItems, episodes);
        }

        return items.Count == 0
            ? throw BatchSourceErrors.NoMediaFound("The feed has no episode with an enclosure (a media file) to download.")
            : new BatchSource(BatchSourceKind.Show, Text(feed.Title), Text(feed.Description) ?? ItunesText(feed.ElementExtensions, "summary"), showImage, items);
    }

    private static SyndicationFeed Load(Stream body)
    {
        // No DTD processing and no resolver: a feed cannot make the reader fetch or expand anything.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreComments = true, CloseInput = false };
        try
        {
            using var reader = XmlReader.Create(body, settings);
            reader.MoveToContent();
            SyndicationFeedFormatter formatter = new Rss20FeedFormatter();
            if (!formatter.CanRead(reader))
            {
                formatter = new Atom10FeedFormatter();
                if (!formatter.CanRead(reader))
                {
                    throw BatchSourceErrors.InvalidFeed($"its root element <{reader.Name}> is neither RSS 2.0 <rss> nor Atom <feed>.");
                }
            }

            // NOTE: an unreadable date leaves that date out instead of failing the whole feed.
            formatter.DateTimeParser += UnreadableDate;
            formatter.ReadFrom(reader);
            return formatter.Feed;
        }
        catch (XmlException invalid)
        {
            throw BatchSourceErrors.InvalidFeed(invalid.Message, invalid);
        }
    }

    private static bool UnreadableDate(XmlDateTimeData data, out DateTimeOffset dateTimeOffset)
    {
        dateTimeOffset = default;
        return true;
    }

    private static Uri? Enclosure(SyndicationItem item, Uri feedUrl) => item.Links
        .Where(link => string.Equals(link.RelationshipType, "enclosure", StringComparison.OrdinalIgnoreCase))
        .Select(link => HttpUrl(feedUrl, link.Uri))
        .FirstOrDefault(url => url is not null);

    // itunes:duration is written as HH:MM:SS, MM:SS or seconds: the forms a media time takes.
    private static TimeSpan? Duration(string? text) => MediaTime.TryParse(text, out var duration) ? duration.ToTimeSpan() : null;

    private static string? ItunesText(SyndicationElementExtensionCollection extensions, string name)
    {
        var extension = extensions.FirstOrDefault(element => element.OuterName == name && element.OuterNamespace == ItunesNamespace);
        if (extension is null)
        {
            return null;
        }

        using var reader = extension.GetReader();
        try
        {
            return reader.ReadElementContentAsString().Trim() is { Length: > 0 } text ? text : null;
        }
        catch (XmlException)
        {
            // Markup inside a text tag: not text this reader offers.
            return null;
        }
    }

    private static Uri? ItunesImage(SyndicationElementExtensionCollection extensions, Uri feedUrl)
    {
        var extension = extensions.FirstOrDefault(element => element.OuterName == "image" && element.OuterNamespace == ItunesNamespace);
        if (extension is null)
        {
            return null;
        }

        using var reader = extension.GetReader();
        return LinkedUrl.Resolve(feedUrl, reader.GetAttribute("href"));
    }

    // The feed library reads links as written; resolving them is ours to do.
    private static Uri? HttpUrl(Uri feedUrl, Uri? url) => url is null ? null : LinkedUrl.Resolve(feedUrl, url.OriginalString);

    private static string? Text(TextSyndicationContent? content) => content?.Text?.Trim() is { Length: > 0 } text ? text : null;

    private static DateTimeOffset? Date(DateTimeOffset date) => date == default ? null : date;
}
