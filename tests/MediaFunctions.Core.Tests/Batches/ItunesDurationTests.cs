using MediaFunctions.Core.Batches.Sources;

namespace MediaFunctions.Core.Tests.Batches;

public sealed class ItunesDurationTests
{
    [Theory]
    [InlineData("01:02:03", 3723)]
    [InlineData("1:02:03", 3723)]
    [InlineData("62:03", 3723)]
    [InlineData("3723", 3723)]
    [InlineData(" 95 ", 95)]
    [InlineData("00:00:01.5", 1.5)]
    [InlineData("90:00", 5400)]
    public void Parse_AcceptedForm_ReturnsTheDuration(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ItunesDuration.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("about an hour")]
    [InlineData("1:2:3:4")]
    [InlineData("10:75")]
    [InlineData("-5")]
    [InlineData("1:-2")]
    public void Parse_UnreadableText_ReturnsNull(string? text) => Assert.Null(ItunesDuration.Parse(text));
}
