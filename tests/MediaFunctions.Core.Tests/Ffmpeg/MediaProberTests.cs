using System.Net;
using System.Net.Sockets;
using FFMpegCore;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Tests.Media.Fixtures;
using MediaFunctions.Orchestration;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Ffmpeg;

[Collection(GeneratedMediaCollection.Name)]
public class MediaProberTests(GeneratedMedia media)
{
    [Fact]
    public async Task ProbeAsync_Mp4_DescribesFormatAndStreams()
    {
        var probe = await FfmpegTools.Prober().ProbeAsync(media.Mp4, cancellationToken: FfmpegTools.Timeout());

        Assert.Contains("mp4", probe.FormatNames);
        Assert.InRange(probe.Duration!.Value.TotalSeconds, 4.9, 5.1);
        Assert.Equal(new FileInfo(media.Mp4).Length, probe.Size);
        Assert.True(probe.BitRate > 0);

        var video = Assert.Single(probe.VideoStreams);
        Assert.Equal(("h264", 160, 120), (video.CodecName, video.Width, video.Height));
        var audio = probe.PrimaryAudioStream!;
        Assert.Equal(("aac", "LC", 44100, 2), (audio.CodecName, audio.Profile, audio.SampleRate, audio.Channels));
        Assert.True(audio.IsDefault);
        Assert.False(audio.IsAttachedPicture);
        Assert.Equal("und", audio.Tags["language"]);
        Assert.InRange(audio.Duration!.Value.TotalSeconds, 4.9, 5.1);
    }

    [Theory]
    [InlineData("mp4", "aac")]
    [InlineData("mkv", "ac3")]
    [InlineData("mkv-flac", "flac")]
    [InlineData("webm", "vorbis")]
    [InlineData("avi", "mp3")]
    [InlineData("flv", "mp3")]
    [InlineData("mov", "pcm_s16le")]
    [InlineData("3gp", "amr_nb")]
    public async Task ProbeAsync_EachContainer_FindsItsAudio(string container, string codec)
    {
        var probe = await FfmpegTools.Prober().ProbeAsync(media.Videos[container], cancellationToken: FfmpegTools.Timeout());

        Assert.Equal(codec, probe.PrimaryAudioStream?.CodecName);
        Assert.Single(probe.VideoStreams);
    }

    [Fact]
    public async Task ProbeAsync_TextFile_ThrowsNotMediaWithoutNamingThePath()
    {
        var error = await Assert.ThrowsAsync<MediaProbeException>(() => FfmpegTools.Prober().ProbeAsync(media.TextFile, cancellationToken: FfmpegTools.Timeout()));

        Assert.StartsWith("The file is not a media file ffmpeg can read", error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid data found when processing input", error.ProbeError, StringComparison.Ordinal);
        Assert.DoesNotContain(media.Folder, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_TruncatedMp4_ThrowsNotMedia()
    {
        var error = await Assert.ThrowsAsync<MediaProbeException>(() => FfmpegTools.Prober().ProbeAsync(media.TruncatedMp4, cancellationToken: FfmpegTools.Timeout()));

        Assert.Contains("moov atom not found", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" @ 0x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_MissingFile_ThrowsNotMedia()
    {
        var error = await Assert.ThrowsAsync<MediaProbeException>(() =>
            FfmpegTools.Prober().ProbeAsync(Path.Combine(media.Folder, "missing.mp4"), cancellationToken: FfmpegTools.Timeout()));

        Assert.Contains("No such file or directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToProbe_NoStreams_ThrowsNotMedia()
    {
        Assert.Throws<MediaProbeException>(() => MediaProber.ToProbe(FFProbe.FromJson("""{"streams": [], "format": {"format_name": "tty"}}""")));
    }

    [Fact]
    public async Task ProbeAsync_FileNameWithQuotesAndSpaces_ProbesThatFile()
    {
        // Users name their downloads, and FFMpegCore passes the path inside one quoted command-line argument.
        var copy = Path.Combine(media.NewOutputFolder(), "say \"hi\" \\ there.mp4");
        File.Copy(media.Mp4, copy);

        var probe = await FfmpegTools.Prober().ProbeAsync(copy, cancellationToken: FfmpegTools.Timeout());

        Assert.Equal(new FileInfo(copy).Length, probe.Size);
    }

    [Fact]
    public async Task ProbeAsync_InputArguments_ReachFfprobe()
    {
        // The whitelist refuses http before any connection is tried, so no server is needed.
        var error = await Assert.ThrowsAsync<MediaProbeException>(() =>
            FfmpegTools.Prober().ProbeAsync("http://127.0.0.1:9/clip.mp4?sig=secret", ["-protocol_whitelist", "file"], FfmpegTools.Timeout()));

        Assert.Contains("not on whitelist", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_PastTheTimeout_KillsFfprobeAndThrowsTimedOut()
    {
        // A listener that never answers: ffprobe waits for the HTTP response until it is stopped.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var marker = "probe-timeout-" + Guid.NewGuid().ToString("N");
        var url = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/{marker}.mp4";

        var error = await Assert.ThrowsAsync<FfmpegException>(() =>
            FfmpegTools.Prober(new FfmpegOptions { ProbeTimeout = TimeSpan.FromSeconds(1) }).ProbeAsync(url, cancellationToken: FfmpegTools.Timeout()));

        Assert.True(error.TimedOut);
        Assert.Equal("ffprobe", error.Tool);
        Assert.False(FfmpegTools.IsProcessRunningWith(marker));
    }

    [Fact]
    public async Task ProbeAsync_MkvWithAttachment_KeepsEveryStreamInFileOrder()
    {
        var output = Path.Combine(media.NewOutputFolder(), "with-font.mkv");
        var font = Path.Combine(media.NewOutputFolder(), "font.ttf");
        await File.WriteAllBytesAsync(font, new byte[64]);
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-i", media.Mkv, "-map", "0", "-c", "copy", "-attach", font, "-metadata:s:t", "mimetype=font/ttf", output],
            cancellationToken: FfmpegTools.Timeout());

        var probe = await FfmpegTools.Prober().ProbeAsync(output, cancellationToken: FfmpegTools.Timeout());

        Assert.Equal([MediaStreamKind.Video, MediaStreamKind.Audio, MediaStreamKind.Attachment], probe.Streams.Select(stream => stream.Kind));
        Assert.Equal([0, 1, 2], probe.Streams.Select(stream => stream.Index));
        Assert.Equal("font/ttf", probe.Streams[2].Tags["mimetype"]);
    }

    [Fact]
    public async Task MediaProbe_RoundTripsThroughOrchestrationJson()
    {
        var probe = await FfmpegTools.Prober().ProbeAsync(media.Mkv, cancellationToken: FfmpegTools.Timeout());

        var copy = OrchestrationJson.Deserialize<MediaProbe>(OrchestrationJson.Serialize(probe))!;

        Assert.Equal(probe.FormatNames, copy.FormatNames);
        Assert.Equal(probe.Duration, copy.Duration);
        Assert.Equal(probe.PrimaryAudioStream!.Index, copy.PrimaryAudioStream!.Index);
        Assert.Equal(probe.PrimaryAudioStream.Disposition, copy.PrimaryAudioStream.Disposition);
        Assert.Equal(probe.Streams.Select(stream => (stream.Kind, stream.CodecName, stream.SampleRate)), copy.Streams.Select(stream => (stream.Kind, stream.CodecName, stream.SampleRate)));
    }
}
