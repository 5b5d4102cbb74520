using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Sources.Relay;
using MediaFunctions.Testing.Media;
using MediaFunctions.Testing.Servers;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Sources;

public sealed class SourceRelayTests(OriginMedia origin, ITestOutputHelper output) : IClassFixture<OriginMedia>
{
    private static readonly string[] Quiet = ["-hide_banner", "-nostats", "-loglevel", "error", "-y"];

    [Fact]
    public async Task Register_ClipTwoSecondsFromTheMiddle_OriginSendsAFractionOfTheFile()
    {
        var token = FfmpegTools.Timeout();
        await using var sources = GuardedSources.AllowingLoopback();
        using var registration = sources.Relay.Register(origin.LongMp4Url);
        origin.Server.ResetCounts();
        var clip = Path.Combine(origin.NewOutputFolder(), "clip.mp4");

        await FfmpegTools.Runner().RunAsync([.. Quiet, .. SourceRelay.FfmpegInputArguments, "-ss", "30", "-i", registration.Url.AbsoluteUri, "-t", "2", "-c", "copy", clip],
            cancellationToken: token);

        var probe = await FfmpegTools.Prober().ProbeAsync(clip, cancellationToken: token);
        Assert.InRange(probe.Duration!.Value.TotalSeconds, 1.5, 3);
        var fileSize = new FileInfo(origin.LongMp4Path).Length;
        // ffmpeg itself consumes ~2.6 MB (its probe of the first seconds, then 2 s from the key frame before 30 s); the
        // tail of the chunk each read abandons comes on top. Without the relay the origin sends more than the whole file.
        Assert.True(origin.Server.BytesSent > 0 && origin.Server.BytesSent <= fileSize / 4,
            $"The origin sent {origin.Server.BytesSent} of {fileSize} bytes: {string.Join("; ", origin.Server.Requests)}");
        Assert.InRange(registration.BytesFetched, 1, origin.Server.BytesSent);
        Assert.All(origin.Server.Requests, request => Assert.Matches(@"^bytes=\d+-\d+$", request.Range));
    }

    [Fact]
    public async Task Register_ProbeThenClipTwoSeconds_OriginSendsTheSpanAndIndexPlusThirtyPercentAndTheChunkInFlight()
    {
        // A job's two reads: ffprobe through one registration, then the clip through another, as the resolve and render steps do.
        var token = FfmpegTools.Timeout();
        var needed = await ClipSpan.MeasureAsync(origin.LongMp4Path, 30, 32);
        await using var sources = GuardedSources.AllowingLoopback();
        origin.Server.ResetCounts();

        var (clip, probeBytes) = await ProbeThenClipAsync(sources.Relay, sources.Relay, token);

        var duration = (await FfmpegTools.Prober().ProbeAsync(clip, cancellationToken: token)).Duration!.Value.TotalSeconds;
        var sent = origin.Server.BytesSent;
        output.WriteLine($"clip {duration:F2} s; origin sent {sent} bytes ({probeBytes} for the probe) for a span of {needed.SpanBytes} and an index of "
            + $"{needed.IndexBytes} bytes: {(double)sent / needed.Bytes:F2} of them");
        foreach (var request in origin.Server.Requests)
        {
            output.WriteLine($"  {request.Range} -> {request.BytesSent} bytes");
        }

        Assert.InRange(duration, 1.5, 3);
        // Before the cache and the paced chunks (256 KiB doubling, the probe's bytes fetched again) the origin sent 3.3 times as much.
        // Whether ffmpeg's last read came near enough the clip's end to ask for one more chunk (an eighth of what was read)
        // depends on timing: one run in five or so it does, and that chunk is then read whole into the cache.
        var chunkInFlight = needed.Bytes / SourceRelay.ChunkGrowthDivisor;
        Assert.InRange(sent, needed.SpanBytes, (needed.Bytes * 1.3) + chunkInFlight);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Register_ProbeThenClipThroughOneRelay_NoOriginByteSentTwice(bool oneRelay)
    {
        // The render reads the index and the first packets again after the probe: one relay keeps them; two relays share nothing.
        var token = FfmpegTools.Timeout();
        await using var probeSources = GuardedSources.AllowingLoopback();
        await using var renderSources = GuardedSources.AllowingLoopback();
        origin.Server.ResetCounts();

        var (clip, _) = await ProbeThenClipAsync(probeSources.Relay, (oneRelay ? probeSources : renderSources).Relay, token);

        var ranges = origin.Server.Requests.Select(request => ByteRangeOf(request.Range!)).OrderBy(range => range.First).ToList();
        var (sentTwice, reached) = (0L, -1L);
        foreach (var (first, last) in ranges)
        {
            sentTwice += Math.Max(0, Math.Min(reached, last) - first + 1);
            reached = Math.Max(reached, last);
        }

        output.WriteLine($"{(oneRelay ? "one relay" : "two relays")}: {origin.Server.BytesSent} bytes sent, {sentTwice} of them twice");
        Assert.Single((await FfmpegTools.Prober().ProbeAsync(clip, cancellationToken: token)).VideoStreams);
        if (oneRelay)
        {
            Assert.Equal(0, sentTwice);
        }
        else
        {
            // The index (~40 KB) and what ffprobe read past it.
            Assert.True(sentTwice > 40_000, $"{sentTwice} bytes sent twice");
        }
    }

    /// <summary>
    /// A job's two reads of the long MP4: ffprobe through a registration of <paramref name="probeRelay"/>, then two seconds
    /// from 30 s copied through one of <paramref name="renderRelay"/>, as the resolve and render steps do. Returns the clip and
    /// what the origin had sent when the probe ended.
    /// </summary>
    private async Task<(string Clip, long ProbeBytes)> ProbeThenClipAsync(SourceRelay probeRelay, SourceRelay renderRelay, CancellationToken token)
    {
        using (var probing = probeRelay.Register(origin.LongMp4Url))
        {
            await FfmpegTools.Prober().ProbeAsync(probing.Url.AbsoluteUri, SourceRelay.FfmpegInputArguments, token);
        }

        var probeBytes = origin.Server.BytesSent;
        using var registration = renderRelay.Register(origin.LongMp4Url);
        var clip = Path.Combine(origin.NewOutputFolder(), "clip.mp4");
        await FfmpegTools.Runner().RunAsync(
            [.. Quiet, "-ss", "30", .. SourceRelay.FfmpegInputArguments, "-i", registration.Url.AbsoluteUri, "-map", "0", "-t", "2", "-c", "copy", clip],
            cancellationToken: token);
        return (clip, probeBytes);
    }

    private static (long First, long Last) ByteRangeOf(string range)
    {
        var bounds = range["bytes=".Length..].Split('-');
        return (long.Parse(bounds[0], CultureInfo.InvariantCulture), long.Parse(bounds[1], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Ffmpeg_ClipTwoSecondsWithoutTheRelay_OriginSendsMoreThanTheRelayBound()
    {
        // The bound above means something only if ffmpeg's own open-ended reads break it.
        var token = FfmpegTools.Timeout();
        origin.Server.ResetCounts();
        var clip = Path.Combine(origin.NewOutputFolder(), "clip.mp4");

        await FfmpegTools.Runner().RunAsync([.. Quiet, "-ss", "30", "-i", origin.LongMp4Url.AbsoluteUri, "-t", "2", "-c", "copy", clip], cancellationToken: token);

        Assert.True(origin.Server.BytesSent > new FileInfo(origin.LongMp4Path).Length / 4, $"ffmpeg alone made the origin send {origin.Server.BytesSent} bytes.");
    }

    [Fact]
    public async Task Register_WholeFileWithoutRange_SameBytesAsTheOrigin()
    {
        var token = FfmpegTools.Timeout();
        await using var sources = GuardedSources.AllowingLoopback();
        using var registration = sources.Relay.Register(origin.LongMp4Url);
        using var http = new HttpClient();

        using var response = await http.GetAsync(registration.Url, HttpCompletionOption.ResponseHeadersRead, token);
        await using var body = await response.Content.ReadAsStreamAsync(token);
        var relayed = await SHA256.HashDataAsync(body, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new FileInfo(origin.LongMp4Path).Length, response.Content.Headers.ContentLength);
        Assert.Equal(await FileHashAsync(origin.LongMp4Path, token), Convert.ToHexString(relayed));
        Assert.Equal(new FileInfo(origin.LongMp4Path).Length, registration.BytesFetched);
        // Chunks of a sixteenth of what was read, from 4 KiB: ~19 MB takes about a hundred requests, not one per 4 KiB (~4,650).
        output.WriteLine($"{registration.OriginRequests} origin requests for {registration.BytesFetched} bytes");
        Assert.InRange(registration.OriginRequests, 50, 160);
    }

    [Theory]
    [InlineData("bytes=1000-", 1000, null)]
    [InlineData("bytes=1000-2999", 1000, 2999L)]
    [InlineData("bytes=5000000-5000000", 5000000, 5000000L)]
    public async Task Register_RangeRequest_ExactSliceWithContentRange(string range, long first, long? last)
    {
        var token = FfmpegTools.Timeout();
        await using var sources = GuardedSources.AllowingLoopback();
        using var registration = sources.Relay.Register(origin.LongMp4Url);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, registration.Url);
        request.Headers.TryAddWithoutValidation("Range", range);

        using var response = await http.SendAsync(request, token);
        var bytes = await response.Content.ReadAsByteArrayAsync(token);

        var file = await File.ReadAllBytesAsync(origin.LongMp4Path, token);
        var end = last ?? file.Length - 1;
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(new ContentRangeHeaderValue(first, end, file.Length), response.Content.Headers.ContentRange);
        Assert.Equal(file.AsSpan((int)first, (int)(end - first + 1)).ToArray(), bytes);
    }

    [Fact]
    public async Task Register_WholeFileThroughFfmpeg_PlaysTheFullLength()
    {
        var token = FfmpegTools.Timeout();
        await using var sources = GuardedSources.AllowingLoopback();
        using var registration = sources.Relay.Register(origin.LongMp4Url);
        var copy = Path.Combine(origin.NewOutputFolder(), "copy.mkv");

        await FfmpegTools.Runner().RunAsync([.. Quiet, .. SourceRelay.FfmpegInputArguments, "-i", registration.Url.AbsoluteUri, "-map", "0", "-c", "copy", copy],
            cancellationToken: token);

        var probe = await FfmpegTools.Prober().ProbeAsync(copy, cancellationToken: token);
        Assert.InRange(probe.Duration!.Value.TotalSeconds, OriginMedia.LongSeconds - 0.5, OriginMedia.LongSeconds + 0.5);
        Assert.Single(probe.VideoStreams);
        Assert.NotNull(probe.PrimaryAudioStream);
    }

    [Fact]
    public async Task Register_OriginWithoutRangeSupport_StreamsTheWholeFile()
    {
        var token = FfmpegTools.Timeout();
        await using var sources = GuardedSources.AllowingLoopback();
        using var registration = sources.Relay.Register(origin.LongMp4Url);
        using var http = new HttpClient();
        origin.Server.SupportsRanges = false;
        try
        {
            using var response = await http.GetAsync(registration.Url, HttpCompletionOption.ResponseHeadersRead, token);
            await using var body = await response.Content.ReadAsStreamAsync(token);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("bytes", response.Headers.AcceptRanges);
            Assert.Equal(await FileHashAsync(origin.LongMp4Path, token), Convert.ToHexString(await SHA256.HashDataAsync(body, token)));
        }
        finally
        {
            origin.Server.SupportsRanges = true;
        }
    }

    [Fact]
    public async Task Register_HlsPlaylistWithRelativeSegments_PlaysThroughTheRelay()
    {
        var token = FfmpegTools.Timeout();
        await using var sources = GuardedSources.AllowingLoopback();
        using var registration = sources.Relay.Register(origin.HlsUrl);
        var copy = Path.Combine(origin.NewOutputFolder(), "hls.mkv");

        await FfmpegTools.Runner().RunAsync([.. Quiet, .. SourceRelay.FfmpegInputArguments, "-i", registration.Url.AbsoluteUri, "-c", "copy", copy],
            cancellationToken: token);

        var probe = await FfmpegTools.Prober().ProbeAsync(copy, cancellationToken: token);
        Assert.InRange(probe.Duration!.Value.TotalSeconds, OriginMedia.HlsSeconds - 0.5, OriginMedia.HlsSeconds + 0.5);
        var segments = Directory.GetFiles(Path.Combine(origin.Folder, "hls"), "*.ts");
        Assert.Equal(segments.Sum(segment => new FileInfo(segment).Length) + PlaylistBytes("hls/index.m3u8"), registration.BytesFetched);
    }

    [Fact]
    public async Task Register_HlsPlaylistWithAbsoluteSegmentUrls_RewritesThemAndPlays()
    {
        var token = FfmpegTools.Timeout();
        await using var sources = GuardedSources.AllowingLoopback();
        using var registration = sources.Relay.Register(origin.HlsAbsoluteUrl);
        using var http = new HttpClient();
        var copy = Path.Combine(origin.NewOutputFolder(), "hls.mkv");

        var playlist = await http.GetStringAsync(registration.Url, token);
        await FfmpegTools.Runner().RunAsync([.. Quiet, .. SourceRelay.FfmpegInputArguments, "-i", registration.Url.AbsoluteUri, "-c", "copy", copy],
            cancellationToken: token);

        var uriLines = playlist.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        Assert.Equal(5, uriLines.Count);
        Assert.All(uriLines, line => Assert.StartsWith(registration.Url.GetLeftPart(UriPartial.Authority), line, StringComparison.Ordinal));
        var probe = await FfmpegTools.Prober().ProbeAsync(copy, cancellationToken: token);
        Assert.InRange(probe.Duration!.Value.TotalSeconds, OriginMedia.HlsSeconds - 0.5, OriginMedia.HlsSeconds + 0.5);
    }

    [Fact]
    public async Task Register_DashManifest_PlaysThroughTheRelay()
    {
        var token = FfmpegTools.Timeout();
        await using var sources = GuardedSources.AllowingLoopback();
        using var registration = sources.Relay.Register(origin.DashUrl);
        var copy = Path.Combine(origin.NewOutputFolder(), "dash.mkv");

        await FfmpegTools.Runner().RunAsync([.. Quiet, .. SourceRelay.FfmpegInputArguments, "-i", registration.Url.AbsoluteUri, "-c", "copy", copy],
            cancellationToken: token);

        var probe = await FfmpegTools.Prober().ProbeAsync(copy, cancellationToken: token);
        Assert.InRange(probe.Duration!.Value.TotalSeconds, OriginMedia.HlsSeconds - 0.5, OriginMedia.HlsSeconds + 0.5);
        // Everything came through the relay (ffmpeg may leave a byte range of an init segment unread).
        var served = Directory.GetFiles(Path.Combine(origin.Folder, "dash")).Sum(file => new FileInfo(file).Length);
        Assert.InRange(registration.BytesFetched, served * 95 / 100, served);
    }

    [Fact]
    public async Task Register_ClientHangsUpEarly_NoFurtherOriginRequests()
    {
        var token = FfmpegTools.Timeout();
        await using var sources = GuardedSources.AllowingLoopback();
        using var registration = sources.Relay.Register(origin.LongMp4Url);

        using var client = new System.Net.Sockets.TcpClient { ReceiveBufferSize = 16 * 1024 };
        await client.ConnectAsync(IPAddress.Loopback, registration.Url.Port, token);
        var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"GET {registration.Url.PathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=0-\r\n\r\n"), token);
        await stream.ReadExactlyAsync(new byte[100_000], token);

        // Hanging up only the sending half: the relay sees the hang-up all the same, and its own close of the
        // connection, once it has stopped serving (and fetching) for it, is the signal to look.
        client.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        await ReadUntilClosedAsync(stream, token);
        var fetched = registration.BytesFetched;

        // A reader that left costs what it read, what sat in the socket buffers and the chunk in flight: a few chunks of 4 KiB;
        // reading 100 KB took sixteen chunks of 4 KiB, then chunks growing by a sixteenth.
        output.WriteLine($"read 100000 bytes; the relay fetched {fetched} in {registration.OriginRequests} requests");
        Assert.InRange(fetched, 100_000, 100_000 + (SourceRelay.MinChunkBytes * 4));
        Assert.InRange(registration.OriginRequests, 1, 32);
    }

    private static async Task ReadUntilClosedAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (await stream.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        catch (IOException)
        {
            // Closed with data unread on the relay's side: a reset is a close too.
        }
    }

    [Fact]
    public async Task Ffmpeg_HlsWithAbsoluteHttpsSegmentsUnderTheWhitelist_Refused()
    {
        // The whitelist is what keeps ffmpeg from going around the relay when a URL escapes rewriting.
        var token = FfmpegTools.Timeout();
        var folder = origin.NewOutputFolder();
        var playlist = Path.Combine(folder, "https.m3u8");
        await File.WriteAllTextAsync(playlist, "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nhttps://127.0.0.1:1/segment0.ts\n#EXT-X-ENDLIST\n", token);

        var refused = await Assert.ThrowsAsync<FfmpegException>(() => FfmpegTools.Runner().RunAsync(
            [.. Quiet, "-protocol_whitelist", "file," + SourceRelay.FfmpegProtocolWhitelist, "-i", playlist, "-c", "copy", Path.Combine(folder, "out.mkv")],
            cancellationToken: token));

        Assert.Contains(refused.StandardErrorTail, line => line.Contains("not on whitelist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispose_RegistrationEnded_RelayUrlAnswers404()
    {
        var token = FfmpegTools.Timeout();
        await using var sources = GuardedSources.AllowingLoopback();
        var registration = sources.Relay.Register(origin.LongMp4Url);
        using var http = new HttpClient();

        registration.Dispose();
        using var response = await http.GetAsync(registration.Url, token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, registration.OriginRequests);
    }

    [Fact]
    public async Task Register_OriginLargerThanTheCap_413AndSourceTooLarge()
    {
        var token = FfmpegTools.Timeout();
        await using var sources = GuardedSources.AllowingLoopback();
        var size = new FileInfo(origin.LongMp4Path).Length;
        using var registration = sources.Relay.Register(origin.LongMp4Url, maxBytes: size / 2);

        await Assert.ThrowsAsync<FfmpegException>(() => FfmpegTools.Runner().RunAsync(
            [.. Quiet, .. SourceRelay.FfmpegInputArguments, "-i", registration.Url.AbsoluteUri, "-c", "copy", Path.Combine(origin.NewOutputFolder(), "copy.mkv")],
            cancellationToken: token));

        var tooLarge = Assert.IsType<SourceTooLargeException>(registration.Failure);
        Assert.Equal(size, tooLarge.SizeBytes);
        Assert.Throws<SourceTooLargeException>(registration.ThrowIfFailed);
        Assert.InRange(registration.BytesFetched, 0, SourceRelay.MinChunkBytes);
    }

    [Fact]
    public async Task ReadAsync_ProbeOfAnOriginOverTheCap_ThrowsTheRelaysFailureNotTheProbes()
    {
        var token = FfmpegTools.Timeout();
        await using var sources = GuardedSources.AllowingLoopback();
        using var registration = sources.Relay.Register(origin.LongMp4Url, maxBytes: new FileInfo(origin.LongMp4Path).Length / 2);

        // ffprobe alone would report a MediaProbeException about an HTTP error.
        await Assert.ThrowsAsync<SourceTooLargeException>(() => registration.ReadAsync(
            () => FfmpegTools.Prober().ProbeAsync(registration.Url.AbsoluteUri, SourceRelay.FfmpegInputArguments, token)));
    }

    [Fact]
    public async Task Register_HlsSegmentsAddingUpPastTheCap_StopsAtTheCap()
    {
        // Every answer is under the cap on its own; their sum is not.
        var token = FfmpegTools.Timeout();
        await using var sources = GuardedSources.AllowingLoopback();
        var segments = Directory.GetFiles(Path.Combine(origin.Folder, "hls"), "*.ts").Select(segment => new FileInfo(segment).Length).ToList();
        var cap = segments.Sum() / 2;
        Assert.True(segments.Max() < cap);
        using var registration = sources.Relay.Register(origin.HlsUrl, maxBytes: cap);
        var copy = Path.Combine(origin.NewOutputFolder(), "hls.mkv");

        // ffmpeg's HLS reader skips segments it cannot read and may still succeed: the registration is what tells.
        await FfmpegTools.Runner().RunAsync([.. Quiet, .. SourceRelay.FfmpegInputArguments, "-i", registration.Url.AbsoluteUri, "-c", "copy", copy],
            cancellationToken: token);

        Assert.True((await FfmpegTools.Prober().ProbeAsync(copy, cancellationToken: token)).Duration!.Value.TotalSeconds < OriginMedia.HlsSeconds - 2);
        var tooLarge = Assert.IsType<SourceTooLargeException>(registration.Failure);
        Assert.Null(tooLarge.SizeBytes);
        Assert.InRange(registration.BytesFetched, cap + 1, cap + (64 * 1024));
    }

    [Fact]
    public async Task Register_RedirectToLoopbackWhenOnly127001Allowed_403AndUrlNotAllowed()
    {
        var token = FfmpegTools.Timeout();
        await using var sources = GuardedSources.AllowingOnly127001();
        origin.Server.Redirect("moved/long.mp4", $"http://127.0.0.2:{origin.Server.Port}/media/long.mp4");
        using var registration = sources.Relay.Register(origin.Server.Url("moved/long.mp4"));
        using var http = new HttpClient();

        using var response = await http.GetAsync(registration.Url, token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var refusal = Assert.IsType<InvalidJobInputException>(registration.Failure);
        Assert.Equal(UrlSourcePolicy.NotAllowedCode, refusal.Code);
    }

    [Fact]
    public async Task Register_PlaylistNamingAMetadataAddress_SegmentRefused()
    {
        var token = FfmpegTools.Timeout();
        await using var sources = GuardedSources.AllowingOnly127001();
        var folder = origin.NewOutputFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "metadata.m3u8"),
            "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nhttp://169.254.169.254/latest/meta-data/segment.ts\n#EXT-X-ENDLIST\n", token);
        using var registration = sources.Relay.Register(origin.Server.Url($"{Path.GetFileName(folder)}/metadata.m3u8"));

        await Assert.ThrowsAsync<FfmpegException>(() => FfmpegTools.Runner().RunAsync(
            [.. Quiet, .. SourceRelay.FfmpegInputArguments, "-i", registration.Url.AbsoluteUri, "-c", "copy", Path.Combine(folder, "out.mkv")],
            cancellationToken: token));

        var refusal = Assert.IsType<InvalidJobInputException>(registration.Failure);
        Assert.Equal(UrlSourcePolicy.NotAllowedCode, refusal.Code);
    }

    private long PlaylistBytes(string path) => new FileInfo(Path.Combine(origin.Folder, path)).Length;

    private static async Task<string> FileHashAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(file, cancellationToken));
    }
}
