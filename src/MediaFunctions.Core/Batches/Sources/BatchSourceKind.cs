namespace MediaFunctions.Core.Batches.Sources;

/// <summary>What kind of collection a batch URL named.</summary>
public enum BatchSourceKind
{
    /// <summary>A video site's playlist, channel or multi-video page, listed by yt-dlp.</summary>
    Playlist,

    /// <summary>A podcast's RSS or Atom feed; its items are the episodes' enclosures.</summary>
    Show,

    /// <summary>An M3U/M3U8 list of media URLs (not an HLS stream).</summary>
    List,
}
