using System.Text.RegularExpressions;

namespace MediaFunctions.Core.Sources.Relay;

/// <summary>
/// Points every http(s) URI of an HLS playlist (segment and variant lines, and <c>URI="..."</c>
/// attributes of keys, maps, renditions and parts) at the relay, resolved against the playlist's own
/// URL, so ffmpeg never needs to reach an origin itself.
/// </summary>
internal static partial class HlsPlaylistRewriter
{
    public static string Rewrite(string playlist, Uri playlistUri, Func<Uri, string> toRelay)
    {
        var lines = playlist.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var ending = lines[i][line.Length..];
            if (line.StartsWith('#'))
            {
                lines[i] = UriAttribute().Replace(line, match => $"URI=\"{Map(match.Groups[1].Value, playlistUri, toRelay)}\"") + ending;
            }
            else if (line.Trim().Length > 0)
            {
                lines[i] = Map(line.Trim(), playlistUri, toRelay) + ending;
            }
        }

        return string.Join('\n', lines);
    }

    private static string Map(string reference, Uri playlistUri, Func<Uri, string> toRelay) =>
        Uri.TryCreate(playlistUri, reference, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps)
            ? toRelay(absolute)
            : reference;

    [GeneratedRegex("URI=\"([^\"]*)\"")]
    private static partial Regex UriAttribute();
}
