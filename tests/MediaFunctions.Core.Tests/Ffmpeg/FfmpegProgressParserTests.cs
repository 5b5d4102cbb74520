using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Core.Tests.Ffmpeg;

public class FfmpegProgressParserTests
{
    private static List<FfmpegProgress> Read(TimeSpan? expected, params string[] lines)
    {
        var parser = new FfmpegProgressParser(expected);
        var reports = new List<FfmpegProgress>();
        foreach (var line in lines)
        {
            Assert.True(parser.TryRead(line, out var report), line);
            if (report is not null)
            {
                reports.Add(report);
            }
        }

        return reports;
    }

    [Fact]
    public void TryRead_Blocks_ReportOnEachProgressLineWithFractionAndSpeed()
    {
        var reports = Read(TimeSpan.FromSeconds(10),
            "bitrate= 128.0kbits/s", "total_size=40000", "out_time_us=2500000", "out_time_ms=2500000", "out_time=00:00:02.500000", "speed=5.01x", "progress=continue",
            "out_time_us=10000000", "speed=4.9x", "progress=end");

        Assert.Equal(
            [new FfmpegProgress(TimeSpan.FromSeconds(2.5), 0.25, 5.01, false), new FfmpegProgress(TimeSpan.FromSeconds(10), 1, 4.9, true)],
            reports);
    }

    [Fact]
    public void TryRead_UnknownDurationAndNotAvailableValues_ReportsWithoutFraction()
    {
        var reports = Read(null, "out_time_us=N/A", "speed=N/A", "progress=continue");

        Assert.Equal([new FfmpegProgress(TimeSpan.Zero, null, null, false)], reports);
    }

    [Fact]
    public void TryRead_OvershootingTheExpectedDuration_StaysAtOne()
    {
        var reports = Read(TimeSpan.FromSeconds(1), "out_time_us=1200000", "progress=continue");

        Assert.Equal(1, reports[0].Fraction);
    }

    [Theory]
    [InlineData("[aac @ 0x55] Too many bits per frame requested")]
    [InlineData("    title           : x=y")]
    [InlineData("input: Invalid data found when processing input")]
    [InlineData("")]
    public void TryRead_LogLine_IsNotProgress(string line)
    {
        Assert.False(new FfmpegProgressParser(null).TryRead(line, out _));
    }
}
