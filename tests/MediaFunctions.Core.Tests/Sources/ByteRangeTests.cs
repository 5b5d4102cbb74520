using MediaFunctions.Core.Sources.Relay;

namespace MediaFunctions.Core.Tests.Sources;

public sealed class ByteRangeTests
{
    [Theory]
    [InlineData("bytes=1000-", 1000, null)]
    [InlineData("bytes=1000-2999", 1000, 2999L)]
    [InlineData("bytes=0-0", 0, 0L)]
    [InlineData("Bytes=5-9", 5, 9L)]
    [InlineData("bytes= 5-9 ", 5, 9L)]
    // Past the end of any file: the origin decides, and its 416 is passed on.
    [InlineData("bytes=99999999999-", 99999999999, null)]
    public void Parse_OneRange_FirstAndLast(string header, long first, long? last) =>
        Assert.Equal(new ByteRange(first, last), ByteRange.Parse(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bytes=")]
    [InlineData("bytes=-500")]
    [InlineData("bytes=0-99,200-299")]
    [InlineData("bytes=9-5")]
    [InlineData("bytes=a-b")]
    [InlineData("bytes=+5-9")]
    [InlineData("items=0-5")]
    public void Parse_SuffixSeveralOrMalformed_WholeFile(string? header) => Assert.Null(ByteRange.Parse(header));
}
