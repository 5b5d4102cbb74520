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
    public void Parse_NoStreams_ThrowsNotMedia()
    {
        Assert.Throws<MediaProbeException>(() => MediaProber.Parse("""{"streams": [], "format": {"format_name": "tty"}}"""));
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
