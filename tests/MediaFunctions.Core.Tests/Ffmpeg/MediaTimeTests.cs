using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Core.Tests.Ffmpeg;

public class MediaTimeTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("90", "90")]
    [InlineData("90.5", "90.5")]
    [InlineData(" 7.250 ", "7.25")]
    [InlineData("01:30", "90")]
    [InlineData("1:02:03.250", "3723.25")]
    [InlineData("00:00:00.000001", "0.000001")]
    [InlineData("01:02:03", "3723")]
    [InlineData("62:03", "3723")]
    [InlineData("90:00", "5400")]
    [InlineData("00:00:01.5", "1.5")]
    [InlineData(" 95 ", "95")]
    public void TryParse_AcceptedForm_WritesPlainSeconds(string text, string argument)
    {
        Assert.True(MediaTime.TryParse(text, out var time));
        Assert.Equal(argument, time.ToArgument());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("1e3")]
    [InlineData("abc")]
    [InlineData("about an hour")]
    [InlineData("10:75")]
    [InlineData("1:-2")]
    [InlineData("1:60")]
    [InlineData("1:2:3:4")]
    [InlineData("1::3")]
    [InlineData("12,5")]
    [InlineData("100:00:01")]
    public void TryParse_AnythingElse_Fails(string? text)
    {
        Assert.False(MediaTime.TryParse(text, out _));
    }

    [Fact]
    public void Parse_BadText_SaysWhatIsAccepted()
    {
        var error = Assert.Throws<FormatException>(() => MediaTime.Parse("soon"));

        Assert.Equal("'soon' is not a time: give seconds (90 or 90.5), MM:SS or HH:MM:SS.", error.Message);
    }

    [Theory]
    [InlineData(-0.001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(360_001)]
    public void FromSeconds_OutOfRange_Throws(double seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MediaTime.FromSeconds(seconds));
    }

    [Fact]
    public void Comparison_OrdersByTime()
    {
        Assert.True(MediaTime.FromSeconds(1.5) > MediaTime.FromSeconds(1.25));
        Assert.True(MediaTime.Zero < MediaTime.FromSeconds(0.000001));
        Assert.Equal(MediaTime.FromSeconds(90), MediaTime.Parse("1:30"));
    }
}
