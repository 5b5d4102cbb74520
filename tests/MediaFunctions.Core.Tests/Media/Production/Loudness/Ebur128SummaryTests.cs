using MediaFunctions.Core.Media.Production.Loudness;

namespace MediaFunctions.Core.Tests.Media.Production.Loudness;

public class Ebur128SummaryTests
{
    private static readonly string[] Summary =
    [
        "[Parsed_ebur128_0 @ 0x55d420d61bc0] Summary:",
        "",
        "  Integrated loudness:",
        "    I:         -23.2 LUFS",
        "    Threshold: -33.2 LUFS",
        "",
        "  Loudness range:",
        "    LRA:         4.5 LU",
        "    Threshold: -43.2 LUFS",
        "    LRA low:   -25.2 LUFS",
        "    LRA high:  -20.7 LUFS",
        "",
        "  True peak:",
        "    Peak:      -11.0 dBFS",
    ];

    [Fact]
    public void TryParse_Summary_ReadsEachValueFromItsSection()
    {
        Assert.True(Ebur128Summary.TryParse(Summary, out var measurement));
        Assert.Equal(new LoudnessMeasurement(-23.2, -11.0, 4.5, -33.2), measurement);
    }

    [Fact]
    public void TryParse_LinesAroundAndAnEarlierSummary_ReadsTheLastSummary()
    {
        string[] lines =
        [
            "Input #0, wav, from 'in.wav':",
            .. Summary.Select(line => line.Replace("-23.2", "-99.0", StringComparison.Ordinal)),
            .. Summary,
            "video:0kB audio:938kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: unknown",
        ];

        Assert.True(Ebur128Summary.TryParse(lines, out var measurement));
        Assert.Equal(-23.2, measurement.IntegratedLoudness);
    }

    [Fact]
    public void TryParse_Silence_ReadsMinusInfinityPeakAndHasNoLoudness()
    {
        var lines = Summary.Select(line => line
            .Replace("-23.2 LUFS", "-70.0 LUFS", StringComparison.Ordinal)
            .Replace("-11.0 dBFS", "-inf dBFS", StringComparison.Ordinal)).ToList();

        Assert.True(Ebur128Summary.TryParse(lines, out var measurement));
        Assert.Equal(double.NegativeInfinity, measurement.TruePeak);
        Assert.False(measurement.HasLoudness);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(13)]
    public void TryParse_SummaryCutShort_ReturnsFalse(int lineCount) =>
        Assert.False(Ebur128Summary.TryParse(Summary.Take(lineCount).ToList(), out _));
}
