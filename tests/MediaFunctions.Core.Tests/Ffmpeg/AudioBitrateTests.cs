using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Core.Tests.Ffmpeg;

public class AudioBitrateTests
{
    [Theory]
    [InlineData("192k", 192_000, "192k")]
    [InlineData("128K", 128_000, "128k")]
    [InlineData("96000", 96_000, "96k")]
    [InlineData("12200", 12_200, "12200")]
    [InlineData("8k", 8_000, "8k")]
    [InlineData("640k", 640_000, "640k")]
    public void TryParse_InRange_ReadsBitsPerSecond(string text, int bitsPerSecond, string argument)
    {
        Assert.True(AudioBitrate.TryParse(text, out var bitrate));
        Assert.Equal(bitsPerSecond, bitrate.BitsPerSecond);
        Assert.Equal(argument, bitrate.ToArgument());
    }

    [Theory]
    [InlineData("7k")]
    [InlineData("641k")]
    [InlineData("-192k")]
    [InlineData("192kb")]
    [InlineData("1.5k")]
    [InlineData("")]
    [InlineData("99999999999k")]
    public void TryParse_OutOfRangeOrMalformed_Fails(string text)
    {
        Assert.False(AudioBitrate.TryParse(text, out _));
    }

    [Fact]
    public void FromKilobits_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioBitrate.FromKilobits(1000));
    }
}
