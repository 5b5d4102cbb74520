namespace MediaFunctions.Core.Sources.Relay;

/// <summary>Manifests whose URLs the relay rewrites so that the segments they name are read through it too.</summary>
internal enum PlaylistKind
{
    Hls,
    Dash,
}

/// <summary>Recognises manifests by the extension of their path or by their content type.</summary>
internal static class PlaylistKinds
{
    public static PlaylistKind? FromPath(Uri uri)
    {
        var path = uri.AbsolutePath;
        return path.EndsWith(".m3u8", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".m3u", StringComparison.OrdinalIgnoreCase) ? PlaylistKind.Hls
            : path.EndsWith(".mpd", StringComparison.OrdinalIgnoreCase) ? PlaylistKind.Dash
            : null;
    }

    public static PlaylistKind? FromContentType(string? mediaType) => mediaType?.ToLowerInvariant() switch
    {
        "application/vnd.apple.mpegurl" or "application/x-mpegurl" or "audio/mpegurl" or "audio/x-mpegurl" => PlaylistKind.Hls,
        "application/dash+xml" => PlaylistKind.Dash,
        _ => null,
    };
}
