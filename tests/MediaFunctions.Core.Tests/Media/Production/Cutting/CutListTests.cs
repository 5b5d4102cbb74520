using System.Text.Json;
using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Cutting;

namespace MediaFunctions.Core.Tests.Media.Production.Cutting;

public class CutListTests
{
    private static readonly CutList TwoCuts = new([Span(6, 7), Span(2, 4)]);

    [Fact]
    public void Spans_UnsortedOverlappingTouchingAndEmpty_SortedAndMerged()
    {
        var list = new CutList([Span(5, 6), Span(1, 2), Span(1.5, 3), Span(3, 3.5), Span(8, 8), Span(7, 6.5)]);

        Assert.Equal([Span(1, 3.5), Span(5, 6)], list.Spans);
        Assert.Equal(TimeSpan.FromSeconds(3.5), list.Removed);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1.5, 1.5)]
    [InlineData(2, null)]
    [InlineData(3.999, null)]
    [InlineData(4, 2.0)]
    [InlineData(5.5, 3.5)]
    [InlineData(6.5, null)]
    [InlineData(7, 4.0)]
    [InlineData(10, 7.0)]
    public void MapTime_BeforeInsideAndAfterCuts_ShiftsByWhatWasRemovedBefore(double input, double? expected)
    {
        var mapped = TwoCuts.MapTime(TimeSpan.FromSeconds(input));

        Assert.Equal(expected is { } seconds ? TimeSpan.FromSeconds(seconds) : null, mapped);
    }

    [Fact]
    public void MapTime_Empty_Unchanged()
    {
        Assert.Equal(TimeSpan.FromSeconds(12.3), CutList.Empty.MapTime(TimeSpan.FromSeconds(12.3)));
    }

    [Fact]
    public void Union_OverlappingAndSeparateSpans_RemovesWhatEitherRemoves()
    {
        var union = TwoCuts.Union(new CutList([Span(3, 5), Span(9, 10)]));

        Assert.Equal([Span(2, 5), Span(6, 7), Span(9, 10)], union.Spans);
        Assert.Equal(TimeSpan.FromSeconds(5), union.Removed);
        Assert.Equal(TwoCuts, TwoCuts.Union(CutList.Empty));
    }

    [Fact]
    public void Json_RoundTrip_SameSpans()
    {
        var json = JsonSerializer.Serialize(TwoCuts);
        var read = JsonSerializer.Deserialize<CutList>(json);

        Assert.Equal(TwoCuts, read);
        Assert.DoesNotContain("Removed", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_Empty_Null()
    {
        Assert.Null(CutList.Empty.Filter(48_000));
    }

    [Fact]
    public void Filter_SpansShorterThanAFrame_Null()
    {
        Assert.Null(new CutList([Span(1, 1.0004)]).Filter(48_000));
    }

    private static TimeRange Span(double start, double end) => new(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end));
}
