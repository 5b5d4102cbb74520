using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Audio;

namespace MediaFunctions.Api.Tests.Jobs;

public sealed class ExtractAudioFieldsTests
{
    private static ExtractAudioFields Fields(params (string Name, string Value)[] values)
    {
        var fields = new ExtractAudioFields();
        foreach (var (name, value) in values)
        {
            fields.Add(name, value);
        }

        return fields;
    }

    [Fact]
    public void ToRequest_NoFields_ApyHubDefaults()
    {
        var request = Fields().ToRequest(allowSeveralFormats: false);

        Assert.Equal((0, 2, false), (request.StartSeconds, request.DurationSeconds, request.FullAudio));
        Assert.Equal([AudioFormat.Mp3], request.Formats);
    }

    [Fact]
    public void ToRequest_EmptyValues_CountAsAbsent()
    {
        var request = Fields(("start_time", ""), ("duration", " "), ("output_format", "")).ToRequest(allowSeveralFormats: false);

        Assert.Equal((0, 2), (request.StartSeconds, request.DurationSeconds));
        Assert.Equal([AudioFormat.Mp3], request.Formats);
    }

    [Theory]
    [InlineData("90", 90)]
    [InlineData("1.5", 1.5)]
    [InlineData(" 2.25 ", 2.25)]
    [InlineData("-1", -1)]
    public void ToRequest_Seconds_ReadWithADotWhateverTheCulture(string value, double seconds) =>
        Assert.Equal(seconds, Fields(("start_time", value)).ToRequest(false).StartSeconds);

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    public void ToRequest_FullAudio_ReadsFormBooleans(string value, bool expected) =>
        Assert.Equal(expected, Fields(("full_audio", value)).ToRequest(false).FullAudio);

    [Theory]
    [InlineData("start_time", "ninety", "start_time must be a number of seconds, such as 90 or 1.5, not 'ninety'.")]
    [InlineData("start_time", "1,5", "start_time must be a number of seconds, such as 90 or 1.5, not '1,5'.")]
    [InlineData("duration", "2s", "duration must be a number of seconds, such as 90 or 1.5, not '2s'.")]
    [InlineData("duration", "1e3", "duration must be a number of seconds, such as 90 or 1.5, not '1e3'.")]
    [InlineData("full_audio", "yes", "full_audio must be true or false, not 'yes'.")]
    [InlineData("output_format", "mp4", "output_format 'mp4' is not one of: mp3, wav, aac, ogg, flac, wma, ac3, amr.")]
    public void ToRequest_UnreadableField_InvalidFieldNamingIt(string field, string value, string message)
    {
        var refused = Assert.Throws<InvalidJobInputException>(() => Fields((field, value)).ToRequest(allowSeveralFormats: true));

        Assert.Equal("invalid_field", refused.Code);
        Assert.Equal(message, refused.Message);
    }

    [Fact]
    public void ToRequest_SeveralBadFields_NamesEachOne()
    {
        var refused = Assert.Throws<InvalidJobInputException>(() => Fields(("start_time", "x"), ("output_format", "mp9")).ToRequest(true));

        Assert.Contains("start_time", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'mp9'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToRequest_RepeatedSingleField_InvalidField()
    {
        var refused = Assert.Throws<InvalidJobInputException>(() => Fields(("start_time", "1"), ("start_time", "2")).ToRequest(true));

        Assert.Equal("start_time is given more than once.", refused.Message);
    }

    [Fact]
    public void ToRequest_SeveralFormatsAllowed_RepeatedAndCommaSeparatedInOrder()
    {
        var request = Fields(("output_format", "mp3, WAV"), ("output_format", ".flac")).ToRequest(allowSeveralFormats: true);

        Assert.Equal([AudioFormat.Mp3, AudioFormat.Wav, AudioFormat.Flac], request.Formats);
    }

    [Theory]
    [InlineData("mp3,wav")]
    [InlineData("mp3", "wav")]
    public void ToRequest_SeveralFormatsWhereOneIsTaken_InvalidField(params string[] values)
    {
        var fields = Fields([.. values.Select(value => ("output_format", value))]);

        var refused = Assert.Throws<InvalidJobInputException>(() => fields.ToRequest(allowSeveralFormats: false));

        Assert.StartsWith("output_format takes one format here", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPersistent_AbsentTrueOrBad()
    {
        Assert.Null(Fields().ReadPersistent());
        Assert.True(Fields(("persistent", "true")).ReadPersistent());
        Assert.Equal("persistent must be true or false, not 'always'.",
            Assert.Throws<InvalidJobInputException>(() => Fields(("persistent", "always")).ReadPersistent()).Message);
    }
}
