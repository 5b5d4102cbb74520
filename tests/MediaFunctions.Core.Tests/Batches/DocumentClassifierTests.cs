using System.Text;
using MediaFunctions.Core.Batches.Sources;

namespace MediaFunctions.Core.Tests.Batches;

public sealed class DocumentClassifierTests
{
    [Theory]
    [InlineData("application/rss+xml", "Feed")]
    [InlineData("application/atom+xml", "Feed")]
    [InlineData("application/vnd.apple.mpegurl", "MediaList")]
    [InlineData("audio/x-mpegurl", "MediaList")]
    [InlineData("text/html", "WebPage")]
    [InlineData("audio/mpeg", "SingleItem")]
    [InlineData("video/mp4", "SingleItem")]
    [InlineData("application/dash+xml", "SingleItem")]
    [InlineData("application/xml", null)]
    [InlineData("text/xml", null)]
    [InlineData("application/octet-stream", null)]
    [InlineData(null, null)]
    public void ByMediaType_ContentType_SettlesTheKindOrLeavesItToTheBody(string? mediaType, string? expected) =>
        Assert.Equal(expected, DocumentClassifier.ByMediaType(mediaType)?.ToString());

    [Theory]
    [InlineData("<?xml version=\"1.0\"?>\n<!-- a podcast -->\n<rss version=\"2.0\"><channel>", "feed", "Feed")]
    [InlineData("\uFEFF<?xml version=\"1.0\"?><?xml-stylesheet href=\"s.xsl\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">", "feed", "Feed")]
    [InlineData("<atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\">", "feed", "Feed")]
    [InlineData("<?xml version=\"1.0\"?><MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\">", "manifest", "SingleItem")]
    [InlineData("<!DOCTYPE html><html><head>", "page", "WebPage")]
    [InlineData("  <html lang=\"en\">", "page", "WebPage")]
    [InlineData("#EXTM3U\n#EXTINF:1,One\none.mp3", "list", "MediaList")]
    [InlineData("one.mp3\ntwo.mp3\n", "list.m3u", "MediaList")]
    [InlineData("one.mp3\ntwo.mp3\n", "list.txt", "SingleItem")]
    [InlineData("ID3\u0004\0\0\0\0\0", "episode.mp3", "SingleItem")]
    public void ByContent_FirstBytes_TellTheKind(string prefix, string path, string expected) =>
        Assert.Equal(expected, DocumentClassifier.ByContent(Encoding.UTF8.GetBytes(prefix), new Uri($"http://origin.test/{path}")).ToString());

    [Fact]
    public void ByContent_Utf16FeedWithByteOrderMark_IsAFeed()
    {
        byte[] prefix = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"utf-16\"?><rss version=\"2.0\">")];

        Assert.Equal(DocumentKind.Feed, DocumentClassifier.ByContent(prefix, new Uri("http://origin.test/feed")));
    }

    [Fact]
    public void ByContent_BinaryFileNamedLikeAList_IsOneItem() =>
        Assert.Equal(DocumentKind.SingleItem, DocumentClassifier.ByContent([0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70], new Uri("http://origin.test/x.m3u")));
}
