using MediaFunctions.Core.Media.Audio;
using MediaFunctions.Core.Media.ExtractAudio;

namespace MediaFunctions.Core.Tests.Media;

public class ExtractAudioRequestTests
{
    [Fact]
    public void Defaults_AreApyHubs()
    {
        var request = new ExtractAudioRequest();

        Assert.Equal(0, request.StartSeconds);
        Assert.Equal(2, request.DurationSeconds);
        Assert.False(request.FullAudio);
        Assert.Equal([AudioFormat.Mp3], request.Formats);
        Assert.Empty(request.Validate());
    }

    [Theory]
    [InlineData(-1, 2, false, "start_time", "start_time must be a number of seconds from 0 to 360000.")]
    [InlineData(double.NaN, 2, false, "start_time", "start_time must be a number of seconds from 0 to 360000.")]
    [InlineData(0, 0, false, "duration", "duration must be a number of seconds greater than 0 and at most 360000.")]
    [InlineData(0, -3, false, "duration", "duration must be a number of seconds greater than 0 and at most 360000.")]
    public void Validate_BadTimes_SaysWhichFieldAndWhatItTakes(double start, double duration, bool fullAudio, string field, string message)
    {
        var error = Assert.Single(new ExtractAudioRequest { StartSeconds = start, DurationSeconds = duration, FullAudio = fullAudio }.Validate());

        Assert.Equal(field, error.Field);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Validate_FullAudio_IgnoresDuration()
    {
        Assert.Empty(new ExtractAudioRequest { FullAudio = true, DurationSeconds = 0 }.Validate());
    }

    [Fact]
    public void Validate_NoFormats_ListsTheFormatsToChooseFrom()
    {
        var error = Assert.Single(new ExtractAudioRequest { Formats = [] }.Validate());

        Assert.Equal("output_format must name at least one of: mp3, wav, aac, ogg, flac, wma, ac3, amr.", error.Message);
    }

    [Fact]
    public void Validate_RepeatedFormat_NamesIt()
    {
        var error = Assert.Single(new ExtractAudioRequest { Formats = [AudioFormat.Wav, AudioFormat.Ogg, AudioFormat.Wav] }.Validate());

        Assert.Equal("output_format lists wav more than once.", error.Message);
    }

    [Fact]
    public void Validate_UnknownFormatValue_IsRefused()
    {
        var error = Assert.Single(new ExtractAudioRequest { Formats = [(AudioFormat)42] }.Validate());

        Assert.Equal("output_format", error.Field);
    }
}
