using MediaFunctions.Core.Sources.Relay;

namespace MediaFunctions.Core.Tests.Sources;

public sealed class PlaylistRewriterTests
{
    private static readonly Uri PlaylistUri = new("https://cdn.example.com/video/hls/index.m3u8?token=abc");

    private static string ToRelay(Uri origin) => $"http://127.0.0.1:5000/t/{origin.Scheme}/{origin.Authority}{origin.PathAndQuery}";

    [Theory]
    [InlineData("segment0.ts", "http://127.0.0.1:5000/t/https/cdn.example.com/video/hls/segment0.ts")]
    [InlineData("/other/segment0.ts", "http://127.0.0.1:5000/t/https/cdn.example.com/other/segment0.ts")]
    [InlineData("../audio/a.m3u8", "http://127.0.0.1:5000/t/https/cdn.example.com/video/audio/a.m3u8")]
    [InlineData("https://edge.example.net:8443/s.ts?x=1", "http://127.0.0.1:5000/t/https/edge.example.net:8443/s.ts?x=1")]
    [InlineData("http://plain.example.org/s.ts", "http://127.0.0.1:5000/t/http/plain.example.org/s.ts")]
    public void HlsRewrite_UriLine_PointsAtTheRelay(string line, string expected)
    {
        var rewritten = HlsPlaylistRewriter.Rewrite($"#EXTM3U\r\n#EXTINF:2.0,\r\n{line}\r\n#EXT-X-ENDLIST\r\n", PlaylistUri, ToRelay);

        Assert.Equal($"#EXTM3U\r\n#EXTINF:2.0,\r\n{expected}\r\n#EXT-X-ENDLIST\r\n", rewritten);
    }

    [Fact]
    public void HlsRewrite_UriAttributes_PointAtTheRelayAndOthersStay()
    {
        const string playlist = """
            #EXTM3U
            #EXT-X-KEY:METHOD=AES-128,URI="https://keys.example.com/k1",IV=0x1
            #EXT-X-MAP:URI="init.mp4",BYTERANGE="720@0"
            #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="en",URI="/audio/en.m3u8"
            #EXT-X-SESSION-KEY:METHOD=SAMPLE-AES,URI="skd://fairplay-key"
            """;

        var rewritten = HlsPlaylistRewriter.Rewrite(playlist, PlaylistUri, ToRelay);

        Assert.Contains("URI=\"http://127.0.0.1:5000/t/https/keys.example.com/k1\",IV=0x1", rewritten, StringComparison.Ordinal);
        Assert.Contains("URI=\"http://127.0.0.1:5000/t/https/cdn.example.com/video/hls/init.mp4\",BYTERANGE=\"720@0\"", rewritten, StringComparison.Ordinal);
        Assert.Contains("URI=\"http://127.0.0.1:5000/t/https/cdn.example.com/audio/en.m3u8\"", rewritten, StringComparison.Ordinal);
        Assert.Contains("URI=\"skd://fairplay-key\"", rewritten, StringComparison.Ordinal);
    }

    [Fact]
    public void DashRewrite_AbsoluteAndRootRelativeUrls_PointAtTheRelayAndRelativeOnesStay()
    {
        var manifestUri = new Uri("https://cdn.example.com/dash/manifest.mpd");
        const string manifest = """
            <MPD><BaseURL>https://media.example.net/v/</BaseURL><Period>
            <AdaptationSet><BaseURL>/root/</BaseURL><Representation id="1">
            <SegmentTemplate media="https://seg.example.net/a/$Number$.m4s?k=1&amp;s=2" initialization="init-$RepresentationID$.mp4"/>
            <BaseURL>relative/</BaseURL></Representation></AdaptationSet></Period></MPD>
            """;

        var rewritten = DashManifestRewriter.Rewrite(manifest, manifestUri, ToRelay);

        Assert.Contains("<BaseURL>http://127.0.0.1:5000/t/https/media.example.net/v/</BaseURL>", rewritten, StringComparison.Ordinal);
        Assert.Contains("<BaseURL>http://127.0.0.1:5000/t/https/cdn.example.com/root/</BaseURL>", rewritten, StringComparison.Ordinal);
        Assert.Contains("media=\"http://127.0.0.1:5000/t/https/seg.example.net/a/$Number$.m4s?k=1&amp;s=2\"", rewritten, StringComparison.Ordinal);
        Assert.Contains("initialization=\"init-$RepresentationID$.mp4\"", rewritten, StringComparison.Ordinal);
        Assert.Contains("<BaseURL>relative/</BaseURL>", rewritten, StringComparison.Ordinal);
    }

    [Fact]
    public void DashRewrite_PrefixedElementsAndSingleQuotedAttributes_PointAtTheRelay()
    {
        var manifestUri = new Uri("https://cdn.example.com/dash/manifest.mpd");
        const string manifest = """
            <?xml version="1.0" encoding="UTF-8"?>
            <mpd:MPD xmlns:mpd="urn:mpeg:dash:schema:mpd:2011"><mpd:BaseURL>https://media.example.net/v/</mpd:BaseURL><mpd:Period>
            <mpd:AdaptationSet><mpd:Representation id="1">
            <mpd:SegmentTemplate initialization='https://seg.example.net/init.mp4' media='https://seg.example.net/a/$Number$.m4s?k=1&amp;s=2'/>
            </mpd:Representation></mpd:AdaptationSet></mpd:Period></mpd:MPD>
            """;

        // Served with a byte order mark, which reaches the rewriter as U+FEFF.
        var rewritten = DashManifestRewriter.Rewrite("\uFEFF" + manifest, manifestUri, ToRelay);

        Assert.Contains("<mpd:BaseURL>http://127.0.0.1:5000/t/https/media.example.net/v/</mpd:BaseURL>", rewritten, StringComparison.Ordinal);
        Assert.Contains("initialization=\"http://127.0.0.1:5000/t/https/seg.example.net/init.mp4\"", rewritten, StringComparison.Ordinal);
        Assert.Contains("media=\"http://127.0.0.1:5000/t/https/seg.example.net/a/$Number$.m4s?k=1&amp;s=2\"", rewritten, StringComparison.Ordinal);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mpd:MPD xmlns:mpd=\"urn:mpeg:dash:schema:mpd:2011\">", rewritten, StringComparison.Ordinal);
    }

    [Fact]
    public void DashRewrite_ProtocolRelativeUrls_PointAtTheRelay()
    {
        var manifestUri = new Uri("https://cdn.example.com/dash/manifest.mpd");
        const string manifest = """
            <MPD><BaseURL>//media.example.net/v/</BaseURL><Period><AdaptationSet><Representation id="1">
            <SegmentTemplate media="//169.254.169.254/a/$Number$.m4s"/></Representation></AdaptationSet></Period></MPD>
            """;

        var rewritten = DashManifestRewriter.Rewrite(manifest, manifestUri, ToRelay);

        Assert.Contains("<BaseURL>http://127.0.0.1:5000/t/https/media.example.net/v/</BaseURL>", rewritten, StringComparison.Ordinal);
        Assert.Contains("media=\"http://127.0.0.1:5000/t/https/169.254.169.254/a/$Number$.m4s\"", rewritten, StringComparison.Ordinal);
    }

    [Fact]
    public void DashRewrite_NotWellFormed_RefusedRatherThanPassedOn()
    {
        const string manifest = "<MPD><BaseURL>https://media.example.net/v/</BaseURL><Period></MPD>";

        var refused = Assert.Throws<HttpRequestException>(() => DashManifestRewriter.Rewrite(manifest, new Uri("https://cdn.example.com/m.mpd"), ToRelay));

        Assert.IsType<System.Xml.XmlException>(refused.InnerException);
    }
}
