using MediaFunctions.Core.Batches.Sources;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Tests.Sources;
using MediaFunctions.Testing.Media;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Core.Tests.Batches;

public sealed class BatchSourceResolverTests(BatchSourceOrigin origin) : IClassFixture<BatchSourceOrigin>
{
    private const string Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";

    [Fact]
    public async Task ResolveAsync_RssFeedWithItunesTags_ReturnsShowWithEachEpisodesMetadata()
    {
        var token = FfmpegTools.Timeout(60);
        await using var sources = GuardedSources.AllowingLoopback();
        var feed = await origin.WriteAsync("feed.xml", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:itunes="{Itunes}">
              <channel>
                <title>Test Tones Weekly</title>
                <link>{origin.Server.Url("")}</link>
                <description>A show about sine waves.</description>
                <itunes:image href="{origin.Server.Url("art/show.jpg")}"/>
                <item>
                  <title>Episode 1: 220 Hz</title>
                  <description>The lowest tone.</description>
                  <pubDate>Mon, 06 Jan 2025 08:00:00 GMT</pubDate>
                  <enclosure url="{origin.EpisodeUrl(1)}" length="8000" type="audio/mpeg"/>
                  <itunes:duration>01:02:03</itunes:duration>
                  <itunes:image href="{origin.Server.Url("art/episode1.jpg")}"/>
                </item>
                <item>
                  <title>Episode 2: 440 Hz</title>
                  <description>The middle tone.</description>
                  <pubDate>Tue, 07 Jan 2025 09:30:00 +0100</pubDate>
                  <enclosure url="../episodes/episode2.mp3" length="8000" type="audio/mpeg"/>
                  <itunes:duration>12:34</itunes:duration>
                </item>
                <item>
                  <title>Episode 3: 660 Hz</title>
                  <itunes:summary>The highest tone.</itunes:summary>
                  <pubDate>Wed, 08 Jan 2025 10:00:00 GMT</pubDate>
                  <enclosure url="{origin.EpisodeUrl(3)}" length="8000" type="audio/mpeg"/>
                  <itunes:duration>95</itunes:duration>
                </item>
                <item>
                  <title>Trailer (text only)</title>
                  <description>No audio here.</description>
                </item>
              </channel>
            </rss>
            """, token);

        var show = await Resolver(sources).ResolveAsync(feed, cancellationToken: token);

        Assert.NotNull(show);
        Assert.Equal(BatchSourceKind.Show, show.Kind);
        Assert.Equal(("Test Tones Weekly", "A show about sine waves.", origin.Server.Url("art/show.jpg")), (show.Title, show.Description, show.ImageUrl));
        Assert.Equal(
            [
                new BatchSourceItem(origin.EpisodeUrl(1), "Episode 1: 220 Hz", "The lowest tone.", new DateTimeOffset(2025, 1, 6, 8, 0, 0, TimeSpan.Zero),
                    new TimeSpan(1, 2, 3), origin.Server.Url("art/episode1.jpg")),
                new BatchSourceItem(origin.EpisodeUrl(2), "Episode 2: 440 Hz", "The middle tone.", new DateTimeOffset(2025, 1, 7, 8, 30, 0, TimeSpan.Zero),
                    new TimeSpan(0, 12, 34), origin.Server.Url("art/show.jpg")),
                new BatchSourceItem(origin.EpisodeUrl(3), "Episode 3: 660 Hz", "The highest tone.", new DateTimeOffset(2025, 1, 8, 10, 0, 0, TimeSpan.Zero),
                    TimeSpan.FromSeconds(95), origin.Server.Url("art/show.jpg")),
            ],
            show.Items);
        foreach (var item in show.Items)
        {
            using var response = await sources.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, item.Url), token);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task ResolveAsync_FeedServedAsHtml_IsReadAsAFeed()
    {
        var token = FfmpegTools.Timeout(60);
        await using var sources = GuardedSources.AllowingLoopback();
        var feed = await origin.WriteAsync("feed.html", ThreeEpisodeFeed(), token);

        var show = await Resolver(sources).ResolveAsync(feed, cancellationToken: token);

        Assert.NotNull(show);
        Assert.Equal(BatchSourceKind.Show, show.Kind);
        Assert.Equal(Enumerable.Range(1, 3).Select(origin.EpisodeUrl), show.Items.Select(item => item.Url));
    }

    [Fact]
    public async Task ResolveAsync_AtomFeed_ReturnsShowWithEnclosuresAndDates()
    {
        var token = FfmpegTools.Timeout(60);
        await using var sources = GuardedSources.AllowingLoopback();
        var feed = await origin.WriteAsync("atom.xml", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Atom Tones</title>
              <subtitle>Tones, in Atom.</subtitle>
              <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
              <updated>2025-01-08T10:00:00Z</updated>
              <logo>{origin.Server.Url("art/atom.png")}</logo>
              <entry>
                <title>Atom one</title>
                <id>urn:tone:1</id>
                <published>2025-01-04T10:00:00Z</published>
                <updated>2025-01-05T10:00:00Z</updated>
                <summary>First atom tone.</summary>
                <link rel="alternate" href="{origin.Server.Url("posts/1.html")}"/>
                <link rel="enclosure" type="audio/mpeg" length="8000" href="{origin.EpisodeUrl(1)}"/>
              </entry>
              <entry>
                <title>Atom two</title>
                <id>urn:tone:2</id>
                <updated>2025-01-06T12:00:00+02:00</updated>
                <link rel="enclosure" type="audio/mpeg" length="8000" href="{origin.EpisodeUrl(2)}"/>
              </entry>
            </feed>
            """, token);

        var show = await Resolver(sources).ResolveAsync(feed, cancellationToken: token);

        Assert.NotNull(show);
        Assert.Equal((BatchSourceKind.Show, "Atom Tones", "Tones, in Atom.", origin.Server.Url("art/atom.png")), (show.Kind, show.Title, show.Description, show.ImageUrl));
        Assert.Equal(
            [
                new BatchSourceItem(origin.EpisodeUrl(1), "Atom one", "First atom tone.", new DateTimeOffset(2025, 1, 4, 10, 0, 0, TimeSpan.Zero), null, origin.Server.Url("art/atom.png")),
                new BatchSourceItem(origin.EpisodeUrl(2), "Atom two", null, new DateTimeOffset(2025, 1, 6, 10, 0, 0, TimeSpan.Zero), null, origin.Server.Url("art/atom.png")),
            ],
            show.Items);
    }

    [Fact]
    public async Task ResolveAsync_M3uList_ReturnsRelativeAndAbsoluteUrlsWithTitles()
    {
        var token = FfmpegTools.Timeout(60);
        await using var sources = GuardedSources.AllowingLoopback();
        var list = await origin.WriteAsync("road-trip.m3u", $"""
            #EXTM3U
            #PLAYLIST:Road trip
            #EXTINF:1,Tone one
            ../episodes/episode1.mp3
            #EXTINF:-1 tvg-logo="logo,1.png",Tone two, remastered
            {origin.EpisodeUrl(2)}

            /episodes/episode3.mp3
            C:\Music\local.mp3
            file:///home/user/local.mp3
            """, token);

        var source = await Resolver(sources).ResolveAsync(list, cancellationToken: token);

        Assert.NotNull(source);
        Assert.Equal((BatchSourceKind.List, "Road trip"), (source.Kind, source.Title));
        Assert.Equal(
            [
                new BatchSourceItem(origin.EpisodeUrl(1), "Tone one", null, null, TimeSpan.FromSeconds(1), null),
                new BatchSourceItem(origin.EpisodeUrl(2), "Tone two, remastered", null, null, null, null),
                new BatchSourceItem(origin.EpisodeUrl(3), null, null, null, null, null),
            ],
            source.Items);
    }

    [Theory]
    [InlineData("media", "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:2.0,\nsegment0.ts\n#EXTINF:2.0,\nsegment1.ts\n#EXT-X-ENDLIST\n")]
    [InlineData("master", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360\nlow/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=2000000,RESOLUTION=1280x720\nhigh/index.m3u8\n")]
    [InlineData("late-tags", "#EXTM3U\n#EXTINF:2.0,\nsegment0.ts\n#EXTINF:2.0,\nsegment1.ts\n#EXT-X-ENDLIST\n")]
    public async Task ResolveAsync_HlsPlaylist_IsOneItem(string name, string playlist)
    {
        var token = FfmpegTools.Timeout(60);
        await using var sources = GuardedSources.AllowingLoopback();
        var url = await origin.WriteAsync($"{name}.m3u8", playlist, token);

        Assert.Null(await Resolver(sources).ResolveAsync(url, cancellationToken: token));
    }

    [Fact]
    public async Task ResolveAsync_DirectMp3_IsOneItem()
    {
        var token = FfmpegTools.Timeout(60);
        await using var sources = GuardedSources.AllowingLoopback();

        Assert.Null(await Resolver(sources).ResolveAsync(origin.EpisodeUrl(1), cancellationToken: token));
    }

    [Fact]
    public async Task ResolveAsync_LargeMediaFile_ReadsOneByteForItsType()
    {
        var token = FfmpegTools.Timeout(60);
        await using var sources = GuardedSources.AllowingLoopback();
        var media = await origin.WriteAsync("large.mp4", new string('m', 16 * 1024 * 1024), token);

        Assert.Null(await Resolver(sources).ResolveAsync(media, cancellationToken: token));

        // Asked for the whole file, the origin would have pushed megabytes into the connection before it was dropped.
        var served = origin.Server.Requests.Where(request => request.Path == media.AbsolutePath).ToList();
        Assert.Equal(["bytes=0-0"], served.Select(request => request.Range));
        Assert.Equal(1, served.Sum(request => request.BytesSent));
    }

    [Fact]
    public async Task ResolveAsync_FeedFromAnOriginWithoutRanges_ReturnsShow()
    {
        var token = FfmpegTools.Timeout(60);
        await using var sources = GuardedSources.AllowingLoopback();
        var feed = await origin.WriteAsync("whole.xml", ThreeEpisodeFeed(), token);
        origin.Server.SupportsRanges = false;
        try
        {
            var show = await Resolver(sources).ResolveAsync(feed, cancellationToken: token);

            Assert.Equal(BatchSourceKind.Show, show!.Kind);
            Assert.Equal(3, show.Items.Count);
            // The one answer, whole, is read: no second request.
            Assert.Single(origin.Server.Requests, request => request.Path == feed.AbsolutePath);
        }
        finally
        {
            origin.Server.SupportsRanges = true;
        }
    }

    [Fact]
    public async Task ResolveAsync_PageWithSeveralMediaElements_ReturnsYtDlpPlaylistOfTheMedia()
    {
        var token = FfmpegTools.Timeout(120);
        await using var sources = GuardedSources.AllowingOnly127001();
        var page = await origin.WriteAsync("gallery.html", """
            <!DOCTYPE html><html><head><title>Tone gallery</title></head><body>
            <audio controls src="/episodes/episode1.mp3"></audio>
            <audio controls><source src="/episodes/episode2.mp3" type="audio/mpeg"></audio>
            </body></html>
            """, token);

        var playlist = await Resolver(sources).ResolveAsync(page, cancellationToken: token);

        Assert.NotNull(playlist);
        Assert.Equal((BatchSourceKind.Playlist, "Tone gallery"), (playlist.Kind, playlist.Title));
        Assert.Equal([origin.EpisodeUrl(1), origin.EpisodeUrl(2)], playlist.Items.Select(item => item.Url));
        Assert.Equal(["Tone gallery (1)", "Tone gallery (2)"], playlist.Items.Select(item => item.Title));
    }

    [Fact]
    public async Task ResolveAsync_PageWithVideoSiteEmbeds_ReturnsTheEmbedsPageUrlsWithoutVisitingThem()
    {
        var token = FfmpegTools.Timeout(120);
        await using var sources = GuardedSources.AllowingOnly127001();
        var page = await origin.WriteAsync("channel.html", """
            <!DOCTYPE html><html><head><title>Our channel</title></head><body>
            <iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>
            <iframe src="https://www.youtube.com/embed/9bZkp7q19f0"></iframe>
            </body></html>
            """, token);

        var playlist = await Resolver(sources).ResolveAsync(page, cancellationToken: token);

        Assert.NotNull(playlist);
        Assert.Equal(BatchSourceKind.Playlist, playlist.Kind);
        Assert.Equal(
            [new Uri("https://www.youtube.com/embed/dQw4w9WgXcQ"), new Uri("https://www.youtube.com/embed/9bZkp7q19f0")],
            playlist.Items.Select(item => item.Url));
    }

    [Fact]
    public async Task ResolveAsync_PageWithOneVideo_IsOneItem()
    {
        var token = FfmpegTools.Timeout(120);
        await using var sources = GuardedSources.AllowingOnly127001();
        var page = await origin.WriteAsync("single.html", """
            <!DOCTYPE html><html><head><title>One tone</title></head><body>
            <video controls src="/episodes/episode1.mp3"></video>
            </body></html>
            """, token);

        Assert.Null(await Resolver(sources).ResolveAsync(page, cancellationToken: token));
    }

    [Theory]
    [InlineData("https://open.spotify.com/show/4rOoJ6Egrf8K2IrywzwOMk")]
    [InlineData("https://open.spotify.com/episode/512ojhOuo1ktJprKbVcKyQ?si=abc")]
    public async Task ResolveAsync_SpotifyUrl_SpotifyNotSupportedPointingToTheRssFeed(string url)
    {
        await using var sources = GuardedSources.AllowingLoopback();

        var refused = await Assert.ThrowsAsync<InvalidJobInputException>(() => Resolver(sources).ResolveAsync(new Uri(url), cancellationToken: FfmpegTools.Timeout(30)));

        Assert.Equal("spotify_not_supported", refused.Code);
        Assert.Contains("DRM", refused.Message, StringComparison.Ordinal);
        Assert.Contains("RSS feed", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_FeedOnLoopbackWhenPrivateNetworksAreNotAllowed_UrlNotAllowed()
    {
        var token = FfmpegTools.Timeout(60);
        await using var sources = new GuardedSources(new SourceOptions { AllowPrivateNetworks = false });
        var feed = await origin.WriteAsync("feed.xml", ThreeEpisodeFeed(), token);
        origin.Server.ResetCounts();

        var refused = await Assert.ThrowsAsync<InvalidJobInputException>(() => Resolver(sources).ResolveAsync(feed, cancellationToken: token));

        Assert.Equal(UrlSourcePolicy.NotAllowedCode, refused.Code);
        Assert.DoesNotContain(origin.Server.Requests, request => request.Path == feed.AbsolutePath);
    }

    [Fact]
    public async Task ResolveAsync_FeedRedirectingToAnAddressNotAllowed_UrlNotAllowed()
    {
        var token = FfmpegTools.Timeout(60);
        await using var sources = GuardedSources.AllowingOnly127001();
        var feed = await origin.WriteAsync("feed.xml", ThreeEpisodeFeed(), token);
        var moved = $"moved-{Guid.NewGuid():N}.xml";
        origin.Server.Redirect(moved, new UriBuilder(feed) { Host = "127.0.0.2" }.Uri.AbsoluteUri);

        var refused = await Assert.ThrowsAsync<InvalidJobInputException>(() => Resolver(sources).ResolveAsync(origin.Server.Url(moved), cancellationToken: token));

        Assert.Equal(UrlSourcePolicy.NotAllowedCode, refused.Code);
    }

    [Fact]
    public async Task ResolveAsync_FeedLargerThanTheDocumentCap_SourceTooLarge()
    {
        var token = FfmpegTools.Timeout(60);
        await using var sources = GuardedSources.AllowingLoopback();
        var padding = new string('a', (int)BatchSourceResolver.MaxDocumentBytes);
        var feed = await origin.WriteAsync("huge.xml", ThreeEpisodeFeed(padding), token);

        var refused = await Assert.ThrowsAsync<SourceTooLargeException>(() => Resolver(sources).ResolveAsync(feed, cancellationToken: token));

        Assert.Equal(BatchSourceResolver.MaxDocumentBytes, refused.LimitBytes);
    }

    [Fact]
    public async Task ResolveAsync_FeedWithMoreEpisodesThanTheCap_BatchTooLarge()
    {
        var token = FfmpegTools.Timeout(60);
        await using var sources = GuardedSources.AllowingLoopback();
        var feed = await origin.WriteAsync("feed.xml", ThreeEpisodeFeed(), token);

        var refused = await Assert.ThrowsAsync<InvalidJobInputException>(() => Resolver(sources).ResolveAsync(feed, maxItems: 2, cancellationToken: token));

        Assert.Equal("batch_too_large", refused.Code);
        Assert.Contains("3 items, more than the 2", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await Resolver(sources).ResolveAsync(feed, maxItems: 3, cancellationToken: token))!.Items.Count);
    }

    [Fact]
    public async Task ResolveAsync_ListWithMoreUrlsThanTheCap_BatchTooLarge()
    {
        var token = FfmpegTools.Timeout(60);
        await using var sources = GuardedSources.AllowingLoopback();
        var list = await origin.WriteAsync("list.m3u8", string.Join('\n', Enumerable.Range(1, 3).Select(number => origin.EpisodeUrl(number).AbsoluteUri)), token);

        var refused = await Assert.ThrowsAsync<InvalidJobInputException>(() => Resolver(sources).ResolveAsync(list, maxItems: 2, cancellationToken: token));

        Assert.Equal("batch_too_large", refused.Code);
    }

    [Fact]
    public async Task ResolveAsync_PlaylistPageWithMoreEntriesThanTheCap_BatchTooLarge()
    {
        var token = FfmpegTools.Timeout(120);
        await using var sources = GuardedSources.AllowingOnly127001();
        var page = await origin.WriteAsync("gallery.html", """
            <!DOCTYPE html><html><head><title>Tone gallery</title></head><body>
            <audio controls src="/episodes/episode1.mp3"></audio>
            <audio controls src="/episodes/episode2.mp3"></audio>
            </body></html>
            """, token);

        var refused = await Assert.ThrowsAsync<InvalidJobInputException>(() => Resolver(sources).ResolveAsync(page, maxItems: 1, cancellationToken: token));

        Assert.Equal("batch_too_large", refused.Code);
    }

    [Fact]
    public async Task ResolveAsync_FeedWithoutEnclosures_NoMediaFound()
    {
        var token = FfmpegTools.Timeout(60);
        await using var sources = GuardedSources.AllowingLoopback();
        var feed = await origin.WriteAsync("notes.xml", """
            <rss version="2.0"><channel><title>Blog</title><description>Words only.</description>
            <item><title>A post</title><description>Text.</description></item></channel></rss>
            """, token);

        var refused = await Assert.ThrowsAsync<InvalidJobInputException>(() => Resolver(sources).ResolveAsync(feed, cancellationToken: token));

        Assert.Equal("no_media_found", refused.Code);
    }

    [Fact]
    public async Task ResolveAsync_BrokenFeed_InvalidFeed()
    {
        var token = FfmpegTools.Timeout(60);
        await using var sources = GuardedSources.AllowingLoopback();
        var feed = await origin.WriteAsync("broken.xml", "<rss version=\"2.0\"><channel><title>Cut off</title><item><title>", token);

        var refused = await Assert.ThrowsAsync<InvalidJobInputException>(() => Resolver(sources).ResolveAsync(feed, cancellationToken: token));

        Assert.Equal("invalid_feed", refused.Code);
    }

    private static BatchSourceResolver Resolver(GuardedSources sources) => new(sources.Policy, sources.Client, sources.Pages);

    private string ThreeEpisodeFeed(string description = "Three tones.") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Tones</title><description>{description}</description>
        {string.Concat(Enumerable.Range(1, 3).Select(number =>
            $"<item><title>Tone {number}</title><enclosure url=\"{origin.EpisodeUrl(number)}\" length=\"8000\" type=\"audio/mpeg\"/></item>"))}
        </channel></rss>
        """;
}
