using MediaFunctions.Core.Media;
using MediaFunctions.Core.Media.Production.Rendering;
using MediaFunctions.Core.Media.Production.Tagging;

namespace MediaFunctions.Core.Tests.Media.Production.Rendering;

public sealed class ProductionFormatsTests
{
    [Theory]
    [InlineData("mp3", "mp3", "audio/mpeg", OutputContainer.Mp3, true, true)]
    [InlineData("MP3-VBR", "mp3", "audio/mpeg", OutputContainer.Mp3, true, true)]
    [InlineData("vorbis", "ogg", "audio/ogg", OutputContainer.Ogg, true, false)]
    [InlineData("opus", "opus", "audio/ogg", OutputContainer.Ogg, true, false)]
    [InlineData("aac", "m4a", "audio/mp4", OutputContainer.Mp4, true, true)]
    [InlineData("flac", "flac", "audio/flac", OutputContainer.Flac, false, true)]
    [InlineData("alac", "m4a", "audio/mp4", OutputContainer.Mp4, false, true)]
    [InlineData("wav", "wav", "audio/wav", OutputContainer.Wav, false, false)]
    [InlineData("wav-24bit", "wav", "audio/wav", OutputContainer.Wav, false, false)]
    [InlineData("audiogram", "mp4", "video/mp4", OutputContainer.Mp4, true, false)]
    public void Get_EveryFormat_EndingMimeTypeContainerBitrateAndCover(
        string name, string ending, string mimeType, OutputContainer container, bool takesBitrate, bool carriesCoverArt)
    {
        var format = ProductionFormats.Get(name);

        Assert.Equal(ending, format.Ending);
        Assert.Equal(ending, ProductionFormats.DefaultEnding(name));
        Assert.Equal(mimeType, format.MimeType);
        Assert.Equal(container, format.Container);
        Assert.Equal(takesBitrate, format.TakesBitrate);
        Assert.Equal(carriesCoverArt, format.CarriesCoverArt);
    }

    [Theory]
    [InlineData("mp3", null, new[] { "-c:a", "libmp3lame", "-b:a", "112k" })]
    [InlineData("mp3", 192, new[] { "-c:a", "libmp3lame", "-b:a", "192k" })]
    [InlineData("mp3-vbr", null, new[] { "-c:a", "libmp3lame", "-q:a", "6" })]
    [InlineData("mp3-vbr", 256, new[] { "-c:a", "libmp3lame", "-q:a", "0" })]
    [InlineData("mp3-vbr", 128, new[] { "-c:a", "libmp3lame", "-q:a", "5" })]
    [InlineData("opus", 32, new[] { "-c:a", "libopus", "-b:a", "32k" })]
    [InlineData("flac", 320, new[] { "-c:a", "flac", "-sample_fmt", "s16" })]
    [InlineData("wav-24bit", null, new[] { "-c:a", "pcm_s24le" })]
    public void AudioArguments_Bitrate_TargetOrVbrPresetOrIgnored(string name, int? kbps, string[] expected) =>
        Assert.Equal(expected, ProductionFormats.Get(name).AudioArguments(kbps));

    [Fact]
    public void AudioArguments_BitrateOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProductionFormats.Get("mp3").AudioArguments(4));

    [Theory]
    [InlineData("mp4", "mp4", "mp4")]
    [InlineData(".MKV", "mkv", "matroska")]
    [InlineData("webm", "webm", "webm")]
    [InlineData("mov", "mov", "mov")]
    public void DefaultEnding_Video_TheInputsContainer(string inputEnding, string ending, string muxer)
    {
        Assert.Equal(ending, ProductionFormats.DefaultEnding("video", inputEnding));
        Assert.Equal(muxer, ProductionFormats.GetVideo(inputEnding).Muxer);
        Assert.Equal(ProductionFormatKind.Video, ProductionFormats.GetVideo(inputEnding).Kind);
    }

    [Fact]
    public void DefaultEnding_VideoOfAnUnknownContainer_Refused() =>
        Assert.Equal("video_container_unsupported", Assert.Throws<MediaPlanException>(() => ProductionFormats.DefaultEnding("video", "wmv")).Code);

    [Theory]
    [InlineData("mp2")]
    [InlineData("video")]
    public void Get_NotAnAudioFormat_Throws(string name) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProductionFormats.Get(name));
}
