using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media.Download;

namespace MediaFunctions.Core.Tests.Media.Download;

public sealed class DownloadSettingsTests
{
    [Fact]
    public void Resolve_NothingGiven_Mp4CopyCopyDefaults()
    {
        var settings = DownloadSettings.Resolve(new DownloadRequest());

        Assert.Equal(("mp4", false, "copy", "copy", "192k", 23), (settings.Format, settings.AudioOnly, settings.VideoCodec, settings.AudioCodec,
            settings.AudioBitrate.ToArgument(), settings.Crf));
        Assert.Empty(settings.Corrections);
    }

    [Fact]
    public void Resolve_AudioOnly_M4a()
    {
        var settings = DownloadSettings.Resolve(new DownloadRequest { AudioOnly = true });

        Assert.Equal(("m4a", true), (settings.Format, settings.AudioOnly));
        Assert.Empty(settings.Corrections);
    }

    // The document's rules, each with what the job reports.
    [Theory]
    [InlineData("webm", "h264", null, null, "video_codec:h264->vp9")]
    [InlineData("webm", null, "aac", null, "audio_codec:aac->opus")]
    [InlineData("ogg", null, "aac", null, "audio_codec:aac->opus")]
    [InlineData("opus", null, "aac", null, "audio_codec:aac->opus")]
    [InlineData("mp3", null, "aac", null, "audio_codec:aac->mp3")]
    [InlineData("mp4", null, null, "128k", "audio_codec:copy->aac")]
    [InlineData("flv", null, null, null, "format:flv->mp4")]
    // The same reasoning where the document is silent.
    [InlineData("webm", "h265", null, null, "video_codec:h265->vp9")]
    [InlineData("m4a", null, "opus", null, "audio_codec:opus->aac")]
    public void Resolve_IncompatibleChoice_CorrectedAndReported(string format, string? videoCodec, string? audioCodec, string? bitrate, string correction)
    {
        var request = new DownloadRequest
        {
            Format = format,
            VideoCodec = videoCodec,
            AudioCodec = audioCodec,
            AudioBitrate = bitrate is null ? null : AudioBitrate.FromKilobits(int.Parse(bitrate.TrimEnd('k'), System.Globalization.CultureInfo.InvariantCulture)),
        };

        var settings = DownloadSettings.Resolve(request);

        Assert.Equal([correction], settings.Corrections.Select(c => $"{c.Field}:{c.From}->{c.To}"));
        Assert.All(settings.Corrections, c => Assert.False(string.IsNullOrWhiteSpace(c.Reason)));
    }

    [Fact]
    public void Resolve_BitrateWithoutCodecInWebm_AacThenOpus()
    {
        var settings = DownloadSettings.Resolve(new DownloadRequest { Format = "webm", AudioBitrate = AudioBitrate.FromKilobits(128) });

        Assert.Equal("opus", settings.AudioCodec);
        Assert.Equal(["audio_codec:copy->aac", "audio_codec:aac->opus"], settings.Corrections.Select(c => $"{c.Field}:{c.From}->{c.To}"));
    }

    [Theory]
    [InlineData("highest", 30, 18)]
    [InlineData("lowest", 10, 32)]
    [InlineData(null, 30, 30)]
    public void Resolve_QualityPreset_OverridesVideoQuality(string? preset, int videoQuality, int crf) =>
        Assert.Equal(crf, DownloadSettings.Resolve(new DownloadRequest { Quality = preset, VideoQuality = videoQuality }).Crf);
}
