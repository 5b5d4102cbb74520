using MediaFunctions.Core.Media.Audio;

namespace MediaFunctions.Core.Tests.Media;

public class AudioFormatCatalogTests
{
    [Fact]
    public void All_CoversEveryFormatOnceInApyHubsOrder()
    {
        Assert.Equal(Enum.GetValues<AudioFormat>(), AudioFormatCatalog.All.Select(profile => profile.Format));
        Assert.Equal("mp3, wav, aac, ogg, flac, wma, ac3, amr", AudioFormatCatalog.Names);
    }

    [Theory]
    [InlineData("mp3", AudioFormat.Mp3)]
    [InlineData("WAV", AudioFormat.Wav)]
    [InlineData(" .flac ", AudioFormat.Flac)]
    [InlineData("amr", AudioFormat.Amr)]
    public void TryParse_KnownName_FindsTheFormat(string name, AudioFormat expected)
    {
        Assert.True(AudioFormatCatalog.TryParse(name, out var format));
        Assert.Equal(expected, format);
    }

    [Theory]
    [InlineData("mp4")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_UnknownName_Fails(string? name)
    {
        Assert.False(AudioFormatCatalog.TryParse(name, out _));
    }

    [Fact]
    public void Get_Amr_IsEncodedOutsideFfmpegAt8kMono()
    {
        var amr = AudioFormatCatalog.Get(AudioFormat.Amr);

        Assert.False(amr.EncodedByFfmpeg);
        Assert.Equal(8000, amr.SampleRate);
        Assert.Equal(1, amr.MaxChannels);
        Assert.Equal("audio/amr", amr.MimeType);
    }
}
