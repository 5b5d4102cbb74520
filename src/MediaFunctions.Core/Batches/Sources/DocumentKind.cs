namespace MediaFunctions.Core.Batches.Sources;

/// <summary>What an answer to a batch URL holds, as far as deciding whether it is a batch goes.</summary>
internal enum DocumentKind
{
    /// <summary>One item: a media file, a manifest, an image, anything that lists nothing.</summary>
    SingleItem,

    /// <summary>An RSS or Atom feed.</summary>
    Feed,

    /// <summary>An M3U/M3U8 playlist: a list of media URLs, or an HLS stream (one item) once read.</summary>
    MediaList,

    /// <summary>An HTML page, for yt-dlp to list.</summary>
    WebPage,
}
